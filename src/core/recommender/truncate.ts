import { kthLargest } from "../search/kth-largest.js";
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
