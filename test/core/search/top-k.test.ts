import { describe, expect, it } from "vitest";
import { topK } from "../../../src/core/search/top-k.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

function fullSort(ids: number[], scores: number[], k: number): number[] {
  return [...ids].sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b).slice(0, k);
}

describe("topK", () => {
  it("matches a full sort on seeded random scores", () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = Math.floor(random() * 500);
      const scores = Array.from({ length: n }, () => random());
      const ids = Array.from({ length: n }, (_, i) => i);
      const k = Math.floor(random() * 40);
      expect(topK(ids, k, (id) => scores[id] ?? 0)).toEqual(fullSort(ids, scores, k));
    }
  });

  it("breaks ties by the lower id, like the full sort", () => {
    const random = seededRandom(5);
    const scores = Array.from({ length: 1000 }, () => Math.floor(random() * 4));
    const ids = Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(topK(ids, 25, (id) => scores[id] ?? 0)).toEqual(fullSort(ids, scores, 25));
  });

  it("returns nothing for k = 0 and everything when k exceeds the candidates", () => {
    expect(topK([1, 2], 0, () => 1)).toEqual([]);
    expect(topK([4, 2, 7], 10, (id) => id)).toEqual([7, 4, 2]);
  });
});
