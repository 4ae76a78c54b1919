import { EMPTY_VECTOR, type SparseVector } from "../search/sparse.js";
import { truncateVector } from "./truncate.js";

/**
 * The L2-normalised sum of `vectors`, cut to its `keep` heaviest terms. The vectors (ids ascending)
 * are merged one after the other into a running sum, so each term's weights are added in the order
 * of the vectors, as a map would add them; no sort is needed, and a few short merges cost far less.
 */
export function centroidOf(vectors: readonly SparseVector[], keep: number): SparseVector {
  let total = 0;
  for (const vector of vectors) total += vector.ids.length;
  if (total === 0) return EMPTY_VECTOR;
  let sum = new RunningSum(total);
  let next = new RunningSum(total);
  for (const vector of vectors) {
    next.mergeOf(sum, vector);
    [sum, next] = [next, sum];
  }
  return truncateVector(sum.normalised(), keep);
}

/** Term ids ascending with their summed weights, in arrays sized for the whole sum. */
class RunningSum {
  readonly ids: Int32Array;
  readonly sums: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.sums = new Float64Array(capacity);
  }

  /** Becomes `sum` plus `vector`, both ids ascending. */
  mergeOf(sum: RunningSum, vector: SparseVector): void {
    const { ids, weights } = vector;
    let i = 0;
    let j = 0;
    let at = 0;
    while (i < sum.size || j < ids.length) {
      const left = i < sum.size ? (sum.ids[i] as number) : Infinity;
      const right = j < ids.length ? (ids[j] as number) : Infinity;
      if (left < right) {
        this.ids[at] = left;
        this.sums[at++] = sum.sums[i++] as number;
      } else if (right < left) {
        this.ids[at] = right;
        this.sums[at++] = weights[j++] as number;
      } else {
        this.ids[at] = left;
        this.sums[at++] = (sum.sums[i++] as number) + (weights[j++] as number);
      }
    }
    this.size = at;
  }

  /** The sum as a vector, normalised as vectorFromMap does (weights rounded to float32 before dividing). */
  normalised(): SparseVector {
    const weights = new Float32Array(this.size);
    let squares = 0;
    for (let i = 0; i < this.size; i++) {
      const sum = this.sums[i] as number;
      weights[i] = sum;
      squares += sum * sum;
    }
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / norm;
    return { ids: this.ids.slice(0, this.size), weights };
  }
}
