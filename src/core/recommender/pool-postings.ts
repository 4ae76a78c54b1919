import { doubled } from "../search/doubled.js";
import type { SparseVector } from "../search/sparse.js";
import { TermNumbers } from "./term-numbers.js";

/**
 * An inverted index over a candidate pool in three flat arrays: the postings of pool term `t` are
 * `docs[start[t]]` … `docs[start[t + 1] - 1]`, with the term's weight in each paper alongside, papers
 * ascending. `terms` renumbers index term ids densely within the pool. Built in two counting
 * passes instead of one growing array per term, which mostly fed the garbage collector.
 */
export class PoolPostings {
  private constructor(
    readonly start: Int32Array,
    readonly docs: Int32Array,
    readonly weights: Float32Array,
    readonly terms: TermNumbers,
  ) {}

  /** Indexes `vectors`, paper `i` being `vectors[i]`. */
  static build(vectors: readonly SparseVector[]): PoolPostings {
    const terms = new TermNumbers();
    let total = 0;
    for (const vector of vectors) total += vector.ids.length;
    const locals = new Int32Array(total);
    let counts: Int32Array = new Int32Array(1024);
    let at = 0;
    for (const vector of vectors) {
      for (let i = 0; i < vector.ids.length; i++) {
        const local = terms.add(vector.ids[i] as number);
        if (local >= counts.length) counts = doubled(counts);
        counts[local] = (counts[local] as number) + 1;
        locals[at++] = local;
      }
    }
    const start = new Int32Array(terms.size + 1);
    for (let t = 0; t < terms.size; t++) start[t + 1] = (start[t] as number) + (counts[t] as number);
    const { docs, weights } = invert(vectors, locals, start);
    return new PoolPostings(start, docs, weights, terms);
  }

  /** Distinct terms in the pool. */
  get termCount(): number {
    return this.terms.size;
  }
}

/** Places each (paper, weight) in its term's slice of the flat arrays. */
function invert(
  vectors: readonly SparseVector[],
  locals: Int32Array,
  start: Int32Array,
): { docs: Int32Array; weights: Float32Array } {
  const next = start.slice(0, start.length - 1);
  const docs = new Int32Array(locals.length);
  const weights = new Float32Array(locals.length);
  let at = 0;
  vectors.forEach((vector, doc) => {
    for (let i = 0; i < vector.ids.length; i++) {
      const local = locals[at++] as number;
      const slot = next[local] as number;
      docs[slot] = doc;
      weights[slot] = vector.weights[i] as number;
      next[local] = slot + 1;
    }
  });
  return { docs, weights };
}
