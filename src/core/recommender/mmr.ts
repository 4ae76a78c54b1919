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
  const { taken, redundancy, comparedWith } = scratchFor(candidates.length);
  // valueOf(i) = lambda · score − (1 − lambda) · redundancy[i], written out where it is needed.
  const weight = 1 - lambda;
  while (picked.length < count) {
    let bestAt = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i] === 1) continue;
      const candidate = candidates[i] as ScoredCandidate;
      const relevance = lambda * candidate.score;
      if (relevance <= bestValue) break; // sorted best first: no later one does better
      let p = comparedWith[i] as number;
      // A lower bound of the redundancy, exact for the first `comparedWith[i]` picks. It only grows:
      // once this candidate cannot win the slot, the other picks can wait.
      let redundant = redundancy[i] as number;
      for (; p < picked.length && relevance - weight * redundant > bestValue; p++) {
        const pick = picked[p] as ScoredCandidate;
        if (candidate.interest >= 0 && pick.interest === candidate.interest && sameInterest > redundant)
          redundant = sameInterest;
        if (relevance - weight * redundant <= bestValue) break; // settled without comparing the papers
        const similarity = paperSimilarity(pick.doc, candidate.doc);
        if (similarity > redundant) redundant = similarity;
      }
      redundancy[i] = redundant;
      comparedWith[i] = p;
      const value = relevance - weight * redundant;
      if (p === picked.length && value > bestValue) {
        bestValue = value;
        bestAt = i;
      }
    }
    if (bestAt < 0) break;
    taken[bestAt] = 1;
    picked.push(candidates[bestAt] as ScoredCandidate);
  }
  return picked;
}

interface MmrScratch {
  taken: Uint8Array;
  redundancy: Float64Array;
  comparedWith: Int32Array;
}

let scratch: MmrScratch = {
  taken: new Uint8Array(0),
  redundancy: new Float64Array(0),
  comparedWith: new Int32Array(0),
};

/**
 * Zeroed per-candidate state, reused from call to call: a daily run selects for thousands of
 * profiles, and fresh arrays for each fed the garbage collector.
 */
function scratchFor(size: number): MmrScratch {
  if (scratch.taken.length < size) {
    const capacity = Math.max(size, 64);
    scratch = {
      taken: new Uint8Array(capacity),
      redundancy: new Float64Array(capacity),
      comparedWith: new Int32Array(capacity),
    };
  } else {
    scratch.taken.fill(0, 0, size);
    scratch.redundancy.fill(0, 0, size);
    scratch.comparedWith.fill(0, 0, size);
  }
  return scratch;
}
