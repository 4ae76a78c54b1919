import { EMPTY_VECTOR, type SparseVector } from "../search/sparse.js";
import { truncateVector } from "./truncate.js";

/**
 * The L2-normalised sum of `vectors`, cut to its `keep` heaviest terms. Every (term, weight) pair
 * is packed into one number, term · 2^k + position, and the pairs are sorted natively: equal terms
 * then sit together in their original order, so each term's sum comes out as a map would add it,
 * at a fraction of the cost of a map and a comparator sort.
 */
export function centroidOf(vectors: readonly SparseVector[], keep: number): SparseVector {
  let total = 0;
  for (const vector of vectors) total += vector.ids.length;
  if (total === 0) return EMPTY_VECTOR;
  const positions = 2 ** Math.ceil(Math.log2(total + 1));
  const keys = new Float64Array(total);
  const weights = new Float64Array(total);
  let at = 0;
  for (const vector of vectors) {
    for (let i = 0; i < vector.ids.length; i++) {
      keys[at] = (vector.ids[i] as number) * positions + at;
      weights[at] = vector.weights[i] as number;
      at++;
    }
  }
  keys.sort();
  return truncateVector(summed(keys, weights, positions), keep);
}

/** Adds up the weights of equal terms (keys sorted) and normalises the sums as vectorFromMap does. */
function summed(keys: Float64Array, weights: Float64Array, positions: number): SparseVector {
  const ids: number[] = [];
  const sums: number[] = [];
  for (const key of keys) {
    const position = key % positions;
    const term = (key - position) / positions;
    const weight = weights[position] as number;
    if (ids[ids.length - 1] === term) sums[sums.length - 1] = (sums[sums.length - 1] as number) + weight;
    else {
      ids.push(term);
      sums.push(weight);
    }
  }
  const vector = { ids: Int32Array.from(ids), weights: Float32Array.from(sums) };
  let squares = 0;
  for (const sum of sums) squares += sum * sum;
  const norm = Math.sqrt(squares);
  if (norm > 0)
    for (let i = 0; i < vector.weights.length; i++) vector.weights[i] = (vector.weights[i] as number) / norm;
  return vector;
}
