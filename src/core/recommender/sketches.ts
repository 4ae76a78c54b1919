import type { SparseVector } from "../search/sparse.js";
import { truncateVector } from "./truncate.js";

/**
 * Each candidate's strongest terms, for the paper-to-paper similarity MMR asks for many times per
 * profile, packed into flat arrays (candidate `doc` holds slots `doc · keep` onwards, ids ascending).
 * A similarity merges two short runs of adjacent memory: between two profiles the rest of a daily
 * run pushes these out of the processor's caches, and a few adjacent lines come back far faster
 * than the scattered reads of spreading one paper over an array with a slot per pool term.
 */
export class Sketches {
  readonly #ids: Int32Array;
  readonly #weights: Float32Array;
  readonly #lengths: Int32Array;

  /** The sketches of `vectors` (paper `i` being `vectors[i]`), `keep` terms each. */
  constructor(
    vectors: readonly SparseVector[],
    private readonly keep: number,
  ) {
    this.#ids = new Int32Array(vectors.length * keep);
    this.#weights = new Float32Array(vectors.length * keep);
    this.#lengths = new Int32Array(vectors.length);
    vectors.forEach((vector, doc) => {
      const sketch = truncateVector(vector, keep);
      this.#ids.set(sketch.ids, doc * keep);
      this.#weights.set(sketch.weights, doc * keep);
      this.#lengths[doc] = sketch.ids.length;
    });
  }

  /**
   * Cosine similarity of candidates `a` and `b` over their sketches: the products of the weights
   * of shared terms, added in ascending term order (so the same value both ways round).
   */
  similarity(a: number, b: number): number {
    const ids = this.#ids;
    const weights = this.#weights;
    let i = a * this.keep;
    let j = b * this.keep;
    const endA = i + (this.#lengths[a] as number);
    const endB = j + (this.#lengths[b] as number);
    let sum = 0;
    while (i < endA && j < endB) {
      const left = ids[i] as number;
      const right = ids[j] as number;
      if (left === right) sum += (weights[i++] as number) * (weights[j++] as number);
      else if (left < right) i++;
      else j++;
    }
    return sum;
  }
}
