import type { ScoredCandidate } from "./candidate-pool.js";

export interface MmrOptions {
  /** Weight of relevance against redundancy, in [0, 1]. */
  lambda: number;
  /** How similar two candidates matching the same stated interest count at least (see PickTuning). */
  sameInterest: number;
}

/**
 * Maximal marginal relevance: picks, one at a time, the candidate with the best
 * `λ · relevance − (1 − λ) · (highest similarity to an already picked paper)`, so a second paper
 * on the same topic must be clearly more relevant than a paper on another topic to win a slot.
 * The similarity of two candidates is the larger of `paperSimilarity` (never negative) and, when
 * both matched the same stated interest, `sameInterest`. `candidates` must be sorted best first;
 * returns them in pick order.
 *
 * Lazily: a candidate is compared with the picks only while it could still win the slot (the
 * same-interest floor first, the papers only when that does not settle it), and the search for
 * each slot stops at the first candidate whose relevance alone could not beat the best value
 * found, so most pairs are never compared. The picks are the same as comparing every pair.
 */
export function selectByMmr(
  candidates: readonly ScoredCandidate[],
  count: number,
  options: MmrOptions,
  paperSimilarity: (a: number, b: number) => number,
): ScoredCandidate[] {
  if (candidates.length <= count) return [...candidates]; // every one is picked: nothing to trade off
  const { lambda, sameInterest } = options;
  const picked: ScoredCandidate[] = [];
  // Plain arrays: a typed array costs more to allocate than these few slots cost to use.
  const taken = new Array<boolean>(candidates.length).fill(false);
  // A lower bound of each candidate's redundancy, exact for the first `comparedWith[i]` picks.
  const redundancy = new Array<number>(candidates.length).fill(0);
  const comparedWith = new Array<number>(candidates.length).fill(0);
  const valueOf = (i: number, score: number): number =>
    lambda * score - (1 - lambda) * (redundancy[i] as number);
  while (picked.length < count) {
    let bestAt = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i]) continue;
      const candidate = candidates[i] as ScoredCandidate;
      if (lambda * candidate.score <= bestValue) break; // sorted best first: no later one does better
      let p = comparedWith[i] as number;
      // Redundancy only grows: once this candidate cannot win the slot, the other picks can wait.
      for (; p < picked.length && valueOf(i, candidate.score) > bestValue; p++) {
        const pick = picked[p] as ScoredCandidate;
        if (candidate.interest >= 0 && pick.interest === candidate.interest)
          raise(redundancy, i, sameInterest);
        if (valueOf(i, candidate.score) <= bestValue) break; // settled without comparing the papers
        raise(redundancy, i, paperSimilarity(pick.doc, candidate.doc));
      }
      comparedWith[i] = p;
      if (p === picked.length && valueOf(i, candidate.score) > bestValue) {
        bestValue = valueOf(i, candidate.score);
        bestAt = i;
      }
    }
    if (bestAt < 0) break;
    taken[bestAt] = true;
    picked.push(candidates[bestAt] as ScoredCandidate);
  }
  return picked;
}

function raise(redundancy: number[], i: number, similarity: number): void {
  if (similarity > (redundancy[i] as number)) redundancy[i] = similarity;
}
