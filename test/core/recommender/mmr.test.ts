import { describe, expect, it } from "vitest";
import type { ScoredCandidate } from "../../../src/core/recommender/candidate-pool.js";
import { selectByMmr } from "../../../src/core/recommender/mmr.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

/** Textbook MMR: after each pick, every remaining candidate is compared with it. */
function eagerMmr(
  candidates: ScoredCandidate[],
  count: number,
  lambda: number,
  similarity: (a: ScoredCandidate, b: ScoredCandidate) => number,
): ScoredCandidate[] {
  if (candidates.length <= count) return candidates; // all picked, best first
  const remaining = [...candidates];
  const redundancy = remaining.map(() => 0);
  const picked: ScoredCandidate[] = [];
  while (picked.length < count && remaining.length > 0) {
    let bestAt = 0;
    remaining.forEach((candidate, i) => {
      const value = lambda * candidate.score - (1 - lambda) * (redundancy[i] ?? 0);
      const best = lambda * (remaining[bestAt]?.score ?? 0) - (1 - lambda) * (redundancy[bestAt] ?? 0);
      if (value > best) bestAt = i;
    });
    const [chosen] = remaining.splice(bestAt, 1);
    redundancy.splice(bestAt, 1);
    if (!chosen) break;
    picked.push(chosen);
    remaining.forEach((candidate, i) => {
      redundancy[i] = Math.max(redundancy[i] ?? 0, similarity(chosen, candidate));
    });
  }
  return picked;
}

describe("selectByMmr", () => {
  it("picks exactly what comparing every pair picks, in the same order", () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 300; trial++) {
      const size = 1 + Math.floor(random() * 25);
      const candidates = Array.from({ length: size }, (_, doc) => ({
        doc,
        // Coarse scores make ties, which must be broken the same way.
        score: Math.round(random() * 20) / 20,
        interest: Math.floor(random() * 4) - 1,
      })).sort((a, b) => b.score - a.score || a.doc - b.doc);
      const pairs = candidates.map(() => candidates.map(() => Math.round(random() * 10) / 10));
      const paperSimilarity = (a: number, b: number): number => pairs[Math.min(a, b)]?.[Math.max(a, b)] ?? 0;
      const lambda = [0, 0.5, 0.85, 1][trial % 4] ?? 0.85;
      const sameInterest = [0, 0.2, 0.9][trial % 3] ?? 0.2;
      const count = 1 + Math.floor(random() * 10);
      const combined = (a: ScoredCandidate, b: ScoredCandidate): number =>
        Math.max(
          a.interest >= 0 && a.interest === b.interest ? sameInterest : 0,
          paperSimilarity(a.doc, b.doc),
        );
      const lazy = selectByMmr(candidates, count, { lambda, sameInterest }, paperSimilarity);
      expect(lazy.map((c) => c.doc)).toEqual(eagerMmr(candidates, count, lambda, combined).map((c) => c.doc));
    }
  });

  it("prefers a paper on another topic over a near-duplicate of the first pick", () => {
    const candidates = [
      { doc: 0, score: 0.9, interest: 0 },
      { doc: 1, score: 0.88, interest: 0 },
      { doc: 2, score: 0.8, interest: 1 },
    ];
    const nearDuplicates = (a: number, b: number): number => (a + b === 1 ? 0.95 : 0.05);
    const picked = selectByMmr(candidates, 2, { lambda: 0.85, sameInterest: 0.2 }, nearDuplicates);
    expect(picked.map((c) => c.doc)).toEqual([0, 2]);
  });
});
