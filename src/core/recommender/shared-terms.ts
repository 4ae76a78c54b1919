import { type SparseVector, sharedIds } from "../search/sparse.js";

/**
 * `sharedIds(a, b)` (term ids in both vectors, by descending product of weights, ties by id), found
 * by looking the shorter vector's terms up in the longer one when that is cheaper than a merge:
 * an interest of a few words against a paper of a hundred-odd terms.
 */
export function sharedTerms(a: SparseVector, b: SparseVector): number[] {
  const [short, long] = a.ids.length <= b.ids.length ? [a, b] : [b, a];
  if (short.ids.length * Math.log2(long.ids.length + 1) >= long.ids.length) return sharedIds(a, b);
  const shared: Array<[number, number]> = [];
  for (let i = 0; i < short.ids.length; i++) {
    const id = short.ids[i] as number;
    const at = indexOf(long.ids, id);
    if (at >= 0) shared.push([id, (short.weights[i] as number) * (long.weights[at] as number)]);
  }
  return shared.sort((x, y) => y[1] - x[1]).map(([id]) => id);
}

/** Where `id` is in ascending `ids`, or -1. */
function indexOf(ids: Int32Array, id: number): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = ids[middle] as number;
    if (found === id) return middle;
    if (found < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
