import { similarity } from "ml-distance";
import { describe, expect, it } from "vitest";
import {
  cosine,
  dot,
  type SparseVector,
  sharedIds,
  vectorFromMap,
  vectorToMap,
} from "../../../src/core/search/sparse.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

function randomVector(random: () => number, dimensions: number): SparseVector {
  const weights = new Map<number, number>();
  for (let i = 0; i < 1 + Math.floor(random() * 20); i++)
    weights.set(Math.floor(random() * dimensions), random() * 5);
  return vectorFromMap(weights, random() < 0.5);
}

function dense(vector: SparseVector, dimensions: number): number[] {
  const values = new Array<number>(dimensions).fill(0);
  vector.ids.forEach((id, i) => (values[id] = vector.weights[i] ?? 0));
  return values;
}

describe("sparse vectors", () => {
  it("agree with ml-distance's cosine on dense copies", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const a = randomVector(random, 60);
      const b = randomVector(random, 60);
      expect(cosine(a, b)).toBeCloseTo(similarity.cosine(dense(a, 60), dense(b, 60)), 5);
    }
  });

  it("are L2-normalised by default, with ids ascending and zeros dropped", () => {
    const v = vectorFromMap(
      new Map([
        [9, 3],
        [2, 4],
        [5, 0],
      ]),
    );
    expect([...v.ids]).toEqual([2, 9]);
    expect(dot(v, v)).toBeCloseTo(1, 6);
    expect(vectorToMap(v).get(9)).toBeCloseTo(0.6, 6);
  });

  it("give 0 for an empty vector and list shared ids by contribution", () => {
    const empty = vectorFromMap(new Map());
    const a = vectorFromMap(
      new Map([
        [1, 1],
        [2, 5],
        [3, 1],
      ]),
      false,
    );
    const b = vectorFromMap(
      new Map([
        [2, 1],
        [3, 9],
      ]),
      false,
    );
    expect(cosine(empty, a)).toBe(0);
    expect(sharedIds(a, b)).toEqual([3, 2]);
  });
});
