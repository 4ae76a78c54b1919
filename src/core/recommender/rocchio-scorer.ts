import type { SparseVector } from "../search/sparse.js";
import type { MatchRow } from "./match-list.js";
import type { PoolPostings } from "./pool-postings.js";
import { type InterestVector, libraryWeightOf, ROCCHIO, type ProfileModel } from "./profile-model.js";
import { FROM_LIBRARY, FROM_LIKES, type ScoredCandidate, TopCandidates } from "./top-candidates.js";

/**
 * Scores a whole profile (stated interests and feedback, see ROCCHIO) against a candidate pool,
 * summing into arrays with one slot per candidate that are reused by every profile. Feedback
 * centroids share a term with most of a pool, so the arrays are read and cleared whole, in order,
 * rather than through a list of the candidates touched.
 */
export class RocchioScorer {
  readonly #best: Float64Array;
  readonly #bestInterest: Int16Array;
  readonly #liked: Float64Array;
  readonly #disliked: Float64Array;
  readonly #library: Float64Array;
  /** The library's weight for the model being scored (see libraryWeightOf). */
  #libraryWeight = 0;

  /** `rowOf` gives a stated interest's match row, which every profile stating it reads. */
  constructor(
    private readonly postings: PoolPostings,
    size: number,
    private readonly rowOf: (vector: SparseVector) => MatchRow,
  ) {
    this.#best = new Float64Array(size);
    this.#bestInterest = new Int16Array(size).fill(-1);
    this.#liked = new Float64Array(size);
    this.#disliked = new Float64Array(size);
    this.#library = new Float64Array(size);
  }

  /** Every `eligible` candidate scoring at least `floor`, in no particular order. */
  all(model: ProfileModel, floor: number, eligible: (doc: number) => boolean): ScoredCandidate[] {
    const scored: ScoredCandidate[] = [];
    this.#sum(model);
    for (let doc = 0; doc < this.#best.length; doc++) {
      if (!this.#touched(doc)) continue;
      const score = this.#scoreOf(doc);
      if (score >= floor && eligible(doc))
        scored.push({ doc, score: Math.min(1, score), interest: this.#interestOf(doc) });
    }
    this.#clear();
    return scored;
  }

  /** The best `limit` of `all`, best first (score descending, then pool order). */
  top(
    model: ProfileModel,
    floor: number,
    eligible: (doc: number) => boolean,
    limit: number,
  ): ScoredCandidate[] {
    const top = new TopCandidates(limit);
    this.#sum(model);
    for (let doc = 0; doc < this.#best.length; doc++) {
      if (!this.#touched(doc)) continue;
      const raw = this.#scoreOf(doc);
      if (!(raw >= floor)) continue;
      const score = Math.min(1, raw);
      // Eligibility costs a lookup: ask only about candidates that would make the list.
      if (top.admits(score, doc) && eligible(doc)) top.offer(doc, score, this.#interestOf(doc));
    }
    this.#clear();
    return top.result();
  }

  #sum(model: ProfileModel): void {
    const interests = model.interests;
    for (let interest = 0; interest < interests.length; interest++)
      this.#keepBest(this.rowOf((interests[interest] as InterestVector).vector), interest);
    this.#accumulate(model.liked, this.#liked);
    this.#accumulate(model.disliked, this.#disliked);
    this.#libraryWeight = libraryWeightOf(model);
    if (model.library) this.#accumulate(model.library.centroid, this.#library);
  }

  /** A candidate is scored when it shares a term with a stated interest, the liked papers or the library. */
  #touched(doc: number): boolean {
    return this.#best[doc] !== 0 || this.#liked[doc] !== 0 || this.#library[doc] !== 0;
  }

  #scoreOf(doc: number): number {
    const fromLikes = ROCCHIO.beta * (this.#liked[doc] as number);
    const fromDislikes = ROCCHIO.gamma * (this.#disliked[doc] as number);
    const fromLibrary = this.#libraryWeight * (this.#library[doc] as number);
    return ROCCHIO.alpha * (this.#best[doc] as number) + fromLikes + fromLibrary - fromDislikes;
  }

  /** The explanation names whichever pulled hardest: a stated interest, the liked papers or the library. */
  #interestOf(doc: number): number {
    const fromInterest = ROCCHIO.alpha * (this.#best[doc] as number);
    const fromLikes = ROCCHIO.beta * (this.#liked[doc] as number);
    const fromLibrary = this.#libraryWeight * (this.#library[doc] as number);
    if (fromInterest >= fromLikes && fromInterest >= fromLibrary) return this.#bestInterest[doc] as number;
    return fromLikes >= fromLibrary ? FROM_LIKES : FROM_LIBRARY;
  }

  /**
   * Keeps each candidate's best interest score (as match lists hold it); the earlier interest wins
   * a tie. Reads the whole match row rather than a match list: a profile with feedback needs every match.
   */
  #keepBest(row: MatchRow, interest: number): void {
    const { docs, scores } = row;
    const best = this.#best;
    for (let t = 0; t < docs.length; t++) {
      const doc = docs[t] as number;
      const score = scores[t] as number;
      if (score > (best[doc] as number)) {
        best[doc] = score;
        this.#bestInterest[doc] = interest;
      }
    }
  }

  /** Adds the vector's cosine with every candidate sharing a term into `into`. */
  #accumulate(vector: SparseVector, into: Float64Array): void {
    const { start, docs, weights, terms } = this.postings;
    for (let i = 0; i < vector.ids.length; i++) {
      const term = terms.numberOf(vector.ids[i] as number);
      if (term < 0) continue;
      const weight = vector.weights[i] as number;
      const end = start[term + 1] as number;
      for (let p = start[term] as number; p < end; p++) {
        const doc = docs[p] as number;
        into[doc] = (into[doc] as number) + weight * (weights[p] as number);
      }
    }
  }

  #clear(): void {
    this.#best.fill(0);
    this.#bestInterest.fill(-1);
    this.#liked.fill(0);
    this.#disliked.fill(0);
    this.#library.fill(0);
  }
}
