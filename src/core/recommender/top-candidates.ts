import type { MatchList } from "./match-list.js";

/** `ScoredCandidate.interest` when liked papers, or the imported library, pulled hardest. */
export const FROM_LIKES = -1;
export const FROM_LIBRARY = -2;

/** A candidate's profile score, and which stated interest it matched best (or FROM_LIKES, FROM_LIBRARY). */
export interface ScoredCandidate {
  doc: number;
  score: number;
  interest: number;
}

/** Whether `a` ranks before `b`: higher score first, then the earlier candidate. */
function ranksBefore(aScore: number, aDoc: number, bScore: number, bDoc: number): boolean {
  return aScore > bScore || (aScore === bScore && aDoc < bDoc);
}

/**
 * The best `limit` of a stream of candidates, kept sorted as they arrive (insertion into a short
 * array beats sorting every candidate when only a handful are wanted).
 */
export class TopCandidates {
  readonly #best: ScoredCandidate[] = [];
  /** Once the list is full, its last candidate, which a newcomer must beat (nothing beats it when `limit` ≤ 0). */
  #full = false;
  #lastScore = Infinity;
  #lastDoc = -1;

  constructor(readonly limit: number) {
    if (limit <= 0) this.#full = true;
  }

  /** Whether a candidate with this score could still enter the list. */
  admits(score: number, doc: number): boolean {
    return !this.#full || ranksBefore(score, doc, this.#lastScore, this.#lastDoc);
  }

  offer(doc: number, score: number, interest: number): void {
    if (!this.admits(score, doc)) return;
    const best = this.#best;
    let at = Math.min(best.length, this.limit - 1);
    while (
      at > 0 &&
      ranksBefore(score, doc, (best[at - 1] as ScoredCandidate).score, (best[at - 1] as ScoredCandidate).doc)
    )
      at--;
    best.splice(at, 0, { doc, score, interest });
    if (best.length > this.limit) best.length = this.limit;
    if (best.length === this.limit) {
      this.#full = true;
      const last = best[this.limit - 1] as ScoredCandidate;
      this.#lastScore = last.score;
      this.#lastDoc = last.doc;
    }
  }

  /** The candidates kept, best first. */
  result(): ScoredCandidate[] {
    return this.#best;
  }
}

/** Marks candidates (e.g. as seen during one profile's merge); a new stamp clears all marks at once. */
export class SeenMarks {
  readonly #stamps: Uint32Array;
  #stamp = 0;

  constructor(size: number) {
    this.#stamps = new Uint32Array(size);
  }

  next(): void {
    this.#stamp++;
    if (this.#stamp === 0xffffffff) {
      this.#stamps.fill(0);
      this.#stamp = 1;
    }
  }

  /** Whether `doc` was marked since the last `next()`. */
  has(doc: number): boolean {
    return this.#stamps[doc] === this.#stamp;
  }

  /** Marks `doc`; false when it was already marked since the last `next()`. */
  mark(doc: number): boolean {
    if (this.#stamps[doc] === this.#stamp) return false;
    this.#stamps[doc] = this.#stamp;
    return true;
  }
}

/**
 * The best `limit` eligible candidates for stated interests alone (no feedback), read off the
 * interests' match lists best first. In this k-way merge a candidate first appears with its best
 * interest's score, so scoring stops after a few dozen entries instead of visiting every paper
 * that shares a common word with some interest. Ties go to the earlier interest.
 */
export function mergeMatchLists(
  lists: readonly MatchList[],
  options: { floor: number; weight: number; limit: number; seen: SeenMarks },
  eligible: (doc: number) => boolean,
): ScoredCandidate[] {
  const { floor, weight, limit, seen } = options;
  const positions = new Array<number>(lists.length).fill(0);
  const picked: ScoredCandidate[] = [];
  seen.next();
  while (picked.length < limit) {
    let from = -1;
    let bestScore = 0;
    let bestDoc = 0;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i] as MatchList;
      const at = positions[i] as number;
      if (at >= list.docs.length) continue;
      const score = list.scores[at] as number;
      const doc = list.docs[at] as number;
      if (from < 0 || ranksBefore(score, doc, bestScore, bestDoc)) {
        from = i;
        bestScore = score;
        bestDoc = doc;
      }
    }
    if (from < 0 || weight * bestScore < floor) break;
    positions[from] = (positions[from] as number) + 1;
    if (seen.mark(bestDoc) && eligible(bestDoc))
      picked.push({ doc: bestDoc, score: Math.min(1, weight * bestScore), interest: from });
  }
  return picked;
}
