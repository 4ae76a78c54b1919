import { describe, expect, it } from "vitest";
import { topCandidates } from "../../../src/core/search/top-candidates.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

const DOCS = 400;
const ids: string[] = Array.from({ length: DOCS }, (_, i) => `p${i}`);

describe("topCandidates", () => {
  it("keeps what filtering then fully sorting keeps, and counts every qualifying document", () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 40; trial++) {
      const scores = Float32Array.from({ length: DOCS }, () =>
        random() < 0.2 ? 0 : Math.floor(random() * 6) / 5,
      );
      const alive = Uint8Array.from({ length: DOCS }, () => (random() < 0.9 ? 1 : 0));
      const publishedMs = Float64Array.from({ length: DOCS }, () =>
        random() < 0.1 ? Number.NaN : random() * 100,
      );
      const touched = Int32Array.from({ length: DOCS }, (_, i) => DOCS - 1 - i);
      const sinceMs = trial % 2 === 0 ? 50 : undefined;
      const filter = trial % 3 === 0 ? (id: string) => id.endsWith("7") === false : undefined;
      const k = Math.floor(random() * 60);
      const qualifying = [...touched].filter(
        (doc) =>
          alive[doc] === 1 &&
          (scores[doc] ?? 0) > 0 &&
          (sinceMs === undefined || (publishedMs[doc] ?? Number.NaN) >= sinceMs) &&
          (!filter || filter(ids[doc] as string)),
      );
      const expected = qualifying.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b).slice(0, k);
      const top = topCandidates(touched, touched.length, scores, k, {
        alive,
        publishedMs,
        ids,
        sinceMs,
        filter,
      });
      expect(top.best).toEqual(expected);
      expect(top.total).toBe(qualifying.length);
    }
  });

  it("reads only the first `length` touched documents and returns nothing for k = 0", () => {
    const scores = Float32Array.of(0.5, 0.9, 0.7);
    const rules = {
      alive: Uint8Array.of(1, 1, 1),
      publishedMs: new Float64Array(3),
      ids,
      sinceMs: undefined,
      filter: undefined,
    };
    expect(topCandidates(Int32Array.of(0, 2, 1), 2, scores, 5, rules)).toEqual({ best: [2, 0], total: 2 });
    expect(topCandidates(Int32Array.of(0, 2, 1), 3, scores, 0, rules)).toEqual({ best: [], total: 3 });
  });
});
