import type { Paper } from "../paper.js";
import { dot, type SparseVector } from "../search/sparse.js";
import { ROCCHIO, type ProfileModel } from "./profile-model.js";
import { truncateVector } from "./truncate.js";
import type { VectorCache } from "./vector-cache.js";

/** A candidate's profile score, and which stated interest it matched best (-1: feedback alone). */
export interface ScoredCandidate {
  doc: number;
  score: number;
  interest: number;
}

interface Posting {
  docs: Int32Array;
  weights: Float32Array;
  /** The highest weight in the list: what the term can add to any candidate at most. */
  max: number;
}

/**
 * How one interest is scored against this pool. Terms whose combined best contribution stays
 * under the threshold cannot bring a paper over it by themselves (MaxScore), so their long
 * postings (common words) are not walked: they are only looked up in the papers already in play.
 */
interface InterestPlan {
  walked: Array<{ posting: Posting; weight: number }>;
  looked: Array<{ term: number; weight: number }>;
}

/** Shorter postings are cheaper to walk than to look up in each candidate. */
const LOOKUP_WORTHWHILE = 32;

/** Terms kept per paper for MMR's paper-to-paper similarity: its topic, at a fraction of the cost. */
const SKETCH_TERMS = 32;

/**
 * The papers one run may pick from (e.g. the day's new papers), with a small inverted index over
 * just them. Scoring a profile walks only the postings of its own terms, so thousands of profiles
 * cost far less than ranking the whole corpus once per profile.
 */
export class CandidatePool {
  readonly papers: Paper[] = [];
  readonly vectors: SparseVector[] = [];
  readonly publishedMs: number[] = [];
  readonly #docOf = new Map<string, number>();
  readonly #postings = new Map<number, Posting>();
  readonly #sketches: SparseVector[] = [];
  readonly #plans = new WeakMap<SparseVector, { minScore: number; plan: InterestPlan }>();
  // Scratch space reused by every score() call: one slot per candidate.
  #best = new Float32Array(0);
  #bestInterest = new Int16Array(0);
  #scratch = new Float32Array(0);
  #liked = new Float32Array(0);
  #disliked = new Float32Array(0);
  #seen = new Uint8Array(0);
  #touched = new Int32Array(0);
  #mine = new Int32Array(0);

  /** Indexes the papers the index knows (others are skipped), each once. */
  static build(papers: Iterable<Paper>, vectors: VectorCache): CandidatePool {
    const pool = new CandidatePool();
    const lists = new Map<number, { docs: number[]; weights: number[] }>();
    for (const paper of papers) pool.#add(paper, vectors, lists);
    for (const [term, list] of lists) {
      const weights = Float32Array.from(list.weights);
      pool.#postings.set(term, { docs: Int32Array.from(list.docs), weights, max: Math.max(...weights) });
    }
    pool.#allocate();
    return pool;
  }

  get size(): number {
    return this.papers.length;
  }

  docOf(id: string): number | undefined {
    return this.#docOf.get(id);
  }

  /** Cosine similarity of two candidates over their strongest terms (what MMR needs to tell topics apart). */
  similarity(a: number, b: number): number {
    return dot(this.#sketches[a] as SparseVector, this.#sketches[b] as SparseVector);
  }

  /**
   * Scores every candidate that shares a term with the profile's interests or likes (see ROCCHIO)
   * and returns those scoring at least `minScore` that are `eligible`, in no particular order.
   */
  score(model: ProfileModel, minScore: number, eligible: (doc: number) => boolean): ScoredCandidate[] {
    let touched = 0;
    model.interests.forEach(({ vector }, interest) => {
      touched = this.#scoreInterest(this.#planFor(vector, minScore), interest, touched);
    });
    touched = this.#accumulate(model.liked, this.#liked, touched);
    this.#accumulate(model.disliked, this.#disliked, -1);
    const scored: ScoredCandidate[] = [];
    const floor = Math.max(minScore, Number.MIN_VALUE);
    for (let t = 0; t < touched; t++) {
      const doc = this.#touched[t] as number;
      const fromInterest = ROCCHIO.alpha * (this.#best[doc] as number);
      const fromLikes = ROCCHIO.beta * (this.#liked[doc] as number);
      const score = fromInterest + fromLikes - ROCCHIO.gamma * (this.#disliked[doc] as number);
      if (score >= floor && eligible(doc)) {
        // The explanation names whichever pulled harder: a stated interest, or the liked papers.
        const interest = fromInterest >= fromLikes ? (this.#bestInterest[doc] as number) : -1;
        scored.push({ doc, score: Math.min(1, score), interest });
      }
      this.#best[doc] = 0;
      this.#bestInterest[doc] = -1;
      this.#liked[doc] = 0;
      this.#seen[doc] = 0;
    }
    if (model.disliked.ids.length > 0) this.#disliked.fill(0);
    return scored;
  }

  #scoreInterest(plan: InterestPlan, interest: number, touched: number): number {
    const scratch = this.#scratch;
    const mine = this.#mine;
    let count = 0;
    for (const { posting, weight } of plan.walked) {
      const { docs, weights } = posting;
      for (let p = 0; p < docs.length; p++) {
        const doc = docs[p] as number;
        if (scratch[doc] === 0) mine[count++] = doc;
        scratch[doc] = (scratch[doc] as number) + weight * (weights[p] as number);
      }
    }
    let total = touched;
    for (let m = 0; m < count; m++) {
      const doc = mine[m] as number;
      let value = scratch[doc] as number;
      scratch[doc] = 0;
      for (const { term, weight } of plan.looked)
        value += weight * weightIn(this.vectors[doc] as SparseVector, term);
      if (value > (this.#best[doc] as number)) {
        this.#best[doc] = value;
        this.#bestInterest[doc] = interest;
      }
      total = this.#touch(doc, total);
    }
    return total;
  }

  #planFor(vector: SparseVector, minScore: number): InterestPlan {
    const cached = this.#plans.get(vector);
    if (cached?.minScore === minScore) return cached.plan;
    const terms: Array<{ term: number; weight: number; posting: Posting; bound: number }> = [];
    for (let i = 0; i < vector.ids.length; i++) {
      const term = vector.ids[i] as number;
      const posting = this.#postings.get(term);
      const weight = vector.weights[i] as number;
      if (posting) terms.push({ term, weight, posting, bound: weight * posting.max });
    }
    // Cheapest bounds first: the longest prefix whose bounds sum below the threshold is only looked up.
    terms.sort((a, b) => a.bound - b.bound);
    const plan: InterestPlan = { walked: [], looked: [] };
    let lookedBound = 0;
    for (const entry of terms) {
      lookedBound += entry.bound;
      if (lookedBound < minScore && entry.posting.docs.length > LOOKUP_WORTHWHILE) plan.looked.push(entry);
      else plan.walked.push(entry);
    }
    this.#plans.set(vector, { minScore, plan });
    return plan;
  }

  /** Adds the vector's matches into `into`; `touched` < 0 records no candidate (a push, never a pick). */
  #accumulate(vector: SparseVector, into: Float32Array, touched: number): number {
    let total = touched;
    for (let i = 0; i < vector.ids.length; i++) {
      const posting = this.#postings.get(vector.ids[i] as number);
      if (!posting) continue;
      const weight = vector.weights[i] as number;
      const { docs, weights } = posting;
      for (let p = 0; p < docs.length; p++) {
        const doc = docs[p] as number;
        into[doc] = (into[doc] as number) + weight * (weights[p] as number);
        if (total >= 0) total = this.#touch(doc, total);
      }
    }
    return total;
  }

  #touch(doc: number, touched: number): number {
    if (this.#seen[doc] === 1) return touched;
    this.#seen[doc] = 1;
    this.#touched[touched] = doc;
    return touched + 1;
  }

  #add(paper: Paper, vectors: VectorCache, lists: Map<number, { docs: number[]; weights: number[] }>): void {
    if (this.#docOf.has(paper.id)) return;
    const vector = vectors.paper(paper.id);
    if (!vector) return;
    const doc = this.papers.length;
    this.papers.push(paper);
    this.vectors.push(vector);
    this.#sketches.push(truncateVector(vector, SKETCH_TERMS));
    this.publishedMs.push(paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN);
    this.#docOf.set(paper.id, doc);
    for (let i = 0; i < vector.ids.length; i++) {
      const term = vector.ids[i] as number;
      let list = lists.get(term);
      if (!list) {
        list = { docs: [], weights: [] };
        lists.set(term, list);
      }
      list.docs.push(doc);
      list.weights.push(vector.weights[i] as number);
    }
  }

  #allocate(): void {
    const size = this.papers.length;
    this.#best = new Float32Array(size);
    this.#bestInterest = new Int16Array(size).fill(-1);
    this.#scratch = new Float32Array(size);
    this.#liked = new Float32Array(size);
    this.#disliked = new Float32Array(size);
    this.#seen = new Uint8Array(size);
    this.#touched = new Int32Array(size);
    this.#mine = new Int32Array(size);
  }
}

/** The weight of `term` in a vector (ids ascending), by binary search; 0 when absent. */
function weightIn(vector: SparseVector, term: number): number {
  let low = 0;
  let high = vector.ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const id = vector.ids[middle] as number;
    if (id === term) return vector.weights[middle] as number;
    if (id < term) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}
