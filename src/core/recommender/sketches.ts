import type { SparseVector } from "../search/sparse.js";
import { truncateVector } from "./truncate.js";

/** Papers kept spread out at once: every pick of one digest (at most 10), so none is spread twice. */
const SPREAD_SLOTS = 10;

/**
 * Each candidate's strongest terms, for the paper-to-paper similarity MMR asks for many times per
 * profile. Terms are renumbered densely within the pool, so a similarity spreads one paper over a
 * dense array and reads the other's terms from it: no data-dependent branches, unlike merging two
 * sorted id lists. The last few papers spread stay spread, as MMR compares its picks with many papers.
 */
export class Sketches {
  readonly #terms: Int32Array[] = [];
  readonly #weights: Float32Array[] = [];
  readonly #dense: Float32Array[] = [];
  readonly #spread = new Int32Array(SPREAD_SLOTS).fill(-1);
  #nextSlot = 0;

  /**
   * The sketches of `vectors` (paper `i` being `vectors[i]`, `keep` terms each), over pool term
   * numbers: `localOf` must number every term of the vectors (as the pool's postings do).
   */
  constructor(vectors: readonly SparseVector[], keep: number, localOf: ReadonlyMap<number, number>) {
    for (const vector of vectors) {
      const sketch = truncateVector(vector, keep);
      this.#terms.push(Int32Array.from(sketch.ids, (term) => localOf.get(term) as number));
      this.#weights.push(sketch.weights);
    }
    for (let slot = 0; slot < SPREAD_SLOTS; slot++) this.#dense.push(new Float32Array(localOf.size));
  }

  /**
   * Cosine similarity of candidates `a` and `b` over their sketches. Only shared terms add to the
   * sum, in ascending term order whichever paper is spread: the same value both ways round, and
   * the same as merging the two sorted id lists.
   */
  similarity(a: number, b: number): number {
    const dense = this.#denseOf(a);
    const terms = this.#terms[b] as Int32Array;
    const weights = this.#weights[b] as Float32Array;
    let sum = 0;
    for (let i = 0; i < terms.length; i++)
      sum += (dense[terms[i] as number] as number) * (weights[i] as number);
    return sum;
  }

  /** The dense array holding `doc` spread out, spreading it over the oldest slot when it is not. */
  #denseOf(doc: number): Float32Array {
    const slot = this.#spread.indexOf(doc);
    if (slot >= 0) return this.#dense[slot] as Float32Array;
    const reused = this.#nextSlot;
    this.#nextSlot = (reused + 1) % SPREAD_SLOTS;
    const dense = this.#dense[reused] as Float32Array;
    const previous = this.#spread[reused] as number;
    if (previous >= 0) for (const term of this.#terms[previous] as Int32Array) dense[term] = 0;
    const terms = this.#terms[doc] as Int32Array;
    const weights = this.#weights[doc] as Float32Array;
    for (let i = 0; i < terms.length; i++) dense[terms[i] as number] = weights[i] as number;
    this.#spread[reused] = doc;
    return dense;
  }
}
