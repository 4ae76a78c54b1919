import type { ScoredCandidate } from "./candidate-pool.js";

/**
 * Maximal marginal relevance: picks, one at a time, the candidate with the best
 * `λ · relevance − (1 − λ) · (highest similarity to an already picked paper)`, so a second paper
 * on the same topic must be clearly more relevant than a paper on another topic to win a slot.
 * `candidates` must be sorted best first; returns them in pick order.
 */
export function selectByMmr(
  candidates: readonly ScoredCandidate[],
  count: number,
  lambda: number,
  similarity: (a: ScoredCandidate, b: ScoredCandidate) => number,
): ScoredCandidate[] {
  if (candidates.length <= count) return [...candidates]; // every one is picked: nothing to trade off
  const remaining = [...candidates];
  const picked: ScoredCandidate[] = [];
  // Highest similarity of each remaining candidate to anything picked so far, updated per pick.
  const redundancy = new Array<number>(remaining.length).fill(0);
  while (picked.length < count && remaining.length > 0) {
    let bestAt = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < remaining.length; i++) {
      const value =
        lambda * (remaining[i] as ScoredCandidate).score - (1 - lambda) * (redundancy[i] as number);
      if (value > bestValue) {
        bestValue = value;
        bestAt = i;
      }
    }
    const [chosen] = remaining.splice(bestAt, 1);
    redundancy.splice(bestAt, 1);
    if (!chosen) break;
    picked.push(chosen);
    for (let i = 0; i < remaining.length; i++) {
      const similar = similarity(chosen, remaining[i] as ScoredCandidate);
      if (similar > (redundancy[i] as number)) redundancy[i] = similar;
    }
  }
  return picked;
}
