import { describe, expect, it } from "vitest";
import { centroidOf } from "../../../src/core/recommender/centroid.js";
import { kthLargest } from "../../../src/core/search/kth-largest.js";
import { truncateVector } from "../../../src/core/recommender/truncate.js";
import type { SparseVector } from "../../../src/core/search/sparse.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

const random = seededRandom(9);

/** A vector with ascending ids and coarse weights (many ties, some zeros). */
function randomVector(size: number): SparseVector {
  const ids = new Int32Array(size);
  let id = 0;
  for (let i = 0; i < size; i++) ids[i] = id += 1 + Math.floor(random() * 4);
  const levels = 1 + Math.floor(random() * 12);
  const weights = Float32Array.from(ids, () =>
    random() < 0.05 ? 0 : Math.floor(random() * levels) / levels,
  );
  return { ids, weights };
}

/** The heaviest `keep` non-zero terms (ties: lower id), ids ascending, L2-normalised: sorting everything. */
function truncatedBySorting(vector: SparseVector, keep: number): SparseVector {
  if (vector.ids.length <= keep) return vector;
  const kept = [...vector.ids.keys()]
    .sort((a, b) => (vector.weights[b] ?? 0) - (vector.weights[a] ?? 0) || a - b)
    .slice(0, Math.max(0, keep))
    .filter((i) => vector.weights[i] !== 0)
    .sort((a, b) => a - b);
  const weights = Float32Array.from(kept, (i) => vector.weights[i] ?? 0);
  const norm = Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0));
  return { ids: Int32Array.from(kept, (i) => vector.ids[i] ?? 0), weights: weights.map((w) => w / norm) };
}

/** The summed vectors (each term's weights added in vector order), normalised, then truncated. */
function centroidByMap(vectors: readonly SparseVector[], keep: number): SparseVector {
  const sums = new Map<number, number>();
  for (const vector of vectors)
    vector.ids.forEach((id, i) => sums.set(id, (sums.get(id) ?? 0) + (vector.weights[i] ?? 0)));
  const ids = [...sums.keys()].sort((a, b) => a - b);
  if (ids.length === 0) return { ids: new Int32Array(0), weights: new Float32Array(0) };
  const norm = Math.sqrt(ids.reduce((total, id) => total + (sums.get(id) ?? 0) ** 2, 0));
  const weights = Float32Array.from(ids, (id) => sums.get(id) ?? 0).map((w) => (norm > 0 ? w / norm : w));
  return truncatedBySorting({ ids: Int32Array.from(ids), weights }, keep);
}

describe("truncateVector", () => {
  it("keeps the heaviest terms, the lower id winning a tie, normalised again", () => {
    for (let trial = 0; trial < 400; trial++) {
      const vector = randomVector(1 + Math.floor(random() * 200));
      const keep = Math.floor(random() * (vector.ids.length + 2)) - 1;
      expect(truncateVector(vector, keep)).toEqual(truncatedBySorting(vector, keep));
    }
  });
});

describe("kthLargest", () => {
  it("finds the k-th largest weight, ties and zeros included", () => {
    for (let trial = 0; trial < 400; trial++) {
      const { weights } = randomVector(1 + Math.floor(random() * 300));
      const k = 1 + Math.floor(random() * weights.length);
      expect(kthLargest(weights, k)).toBe(Float32Array.from(weights).sort()[weights.length - k]);
    }
  });
});

describe("centroidOf", () => {
  it("is the normalised sum of the vectors, cut to its heaviest terms, to the last bit", () => {
    for (let trial = 0; trial < 300; trial++) {
      const vectors = Array.from({ length: Math.floor(random() * 8) }, () =>
        randomVector(Math.floor(random() * 60)),
      );
      const keep = 1 + Math.floor(random() * 80);
      expect(centroidOf(vectors, keep)).toEqual(centroidByMap(vectors, keep));
    }
  });
});
