import type { SparseVector } from "../search/sparse.js";

/**
 * The vector's `keep` heaviest terms (ties: the lower term id), L2-normalised again; the vector
 * itself when it is that short. The cut-off weight is found by selection, in linear time: sorting
 * the weights (as typed arrays sort, through a generic comparison) cost several times more.
 */
export function truncateVector(vector: SparseVector, keep: number): SparseVector {
  const size = vector.ids.length;
  if (size <= keep) return vector;
  const kept = Math.max(0, keep);
  const cutoff = kept === 0 ? Infinity : kthLargest(vector.weights, kept);
  let tiesLeft = kept;
  for (let i = 0; i < size; i++) if ((vector.weights[i] as number) > cutoff) tiesLeft--;
  const ids = new Int32Array(kept);
  const weights = new Float32Array(kept);
  let squares = 0;
  let at = 0;
  for (let i = 0; i < size && at < kept; i++) {
    const weight = vector.weights[i] as number;
    if (weight === 0 || weight < cutoff || (weight === cutoff && tiesLeft-- <= 0)) continue;
    ids[at] = vector.ids[i] as number;
    weights[at++] = weight;
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let i = 0; i < at; i++) weights[i] = (weights[i] as number) / norm;
  return at === kept ? { ids, weights } : { ids: ids.slice(0, at), weights: weights.slice(0, at) };
}

let scratch = new Float64Array(256);

/**
 * The `k`-th largest of `values` (1 ≤ k ≤ length), by quickselect over a reused copy. Weights are
 * never NaN (the index makes them from counts), so plain comparisons order them.
 */
export function kthLargest(values: Float32Array, k: number): number {
  const size = values.length;
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, scratch.length * 2));
  const work = scratch;
  for (let i = 0; i < size; i++) work[i] = values[i] as number;
  // The k-th largest sits at position size − k once the copy is sorted ascending.
  const target = size - k;
  let low = 0;
  let high = size - 1;
  while (low < high) {
    const pivot = medianOfThree(work[low] as number, work[(low + high) >> 1] as number, work[high] as number);
    let i = low;
    let j = high;
    while (i <= j) {
      while ((work[i] as number) < pivot) i++;
      while ((work[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = work[i] as number;
        work[i++] = work[j] as number;
        work[j--] = swap;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break; // between j and i every value equals the pivot
  }
  return work[target] as number;
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
