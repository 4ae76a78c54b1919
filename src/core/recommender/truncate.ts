import { type SparseVector, vectorFromMap } from "../search/sparse.js";

/** The vector's `keep` heaviest terms, L2-normalised again; the vector itself when it is that short. */
export function truncateVector(vector: SparseVector, keep: number): SparseVector {
  if (vector.ids.length <= keep) return vector;
  const order = Array.from(vector.weights.keys()).sort(
    (a, b) => (vector.weights[b] as number) - (vector.weights[a] as number),
  );
  return vectorFromMap(
    new Map(order.slice(0, keep).map((i) => [vector.ids[i] as number, vector.weights[i] as number])),
  );
}
