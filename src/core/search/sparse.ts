/**
 * A sparse vector over the index's term ids: ids ascending, weights aligned. Vectors produced by
 * the index are L2-normalised, so the dot product of two of them is their cosine similarity.
 */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** Builds a vector from term id → weight pairs, dropping zeros; optionally L2-normalised. */
export function vectorFromMap(weights: ReadonlyMap<number, number>, normalise = true): SparseVector {
  const entries = [...weights].filter(([, w]) => w !== 0).sort((a, b) => a[0] - b[0]);
  const ids = new Int32Array(entries.length);
  const values = new Float32Array(entries.length);
  let squares = 0;
  entries.forEach(([id, w], i) => {
    ids[i] = id;
    values[i] = w;
    squares += w * w;
  });
  if (normalise && squares > 0) {
    const norm = Math.sqrt(squares);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  }
  return { ids, weights: values };
}

export function vectorToMap(vector: SparseVector): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < vector.ids.length; i++) map.set(vector.ids[i] ?? 0, vector.weights[i] ?? 0);
  return map;
}

/** Dot product by merging the two sorted id lists. */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ai = a.ids[i] ?? 0;
    const bj = b.ids[j] ?? 0;
    if (ai === bj) sum += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0);
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}

export function norm(vector: SparseVector): number {
  let squares = 0;
  for (const w of vector.weights) squares += w * w;
  return Math.sqrt(squares);
}

/** Cosine similarity; 0 when either vector is empty. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}

/** Term ids present in both vectors, by descending product of weights. */
export function sharedIds(a: SparseVector, b: SparseVector): number[] {
  const shared: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ai = a.ids[i] ?? 0;
    const bj = b.ids[j] ?? 0;
    if (ai === bj) shared.push([ai, (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0)]);
    else if (ai < bj) i++;
    else j++;
  }
  return shared.sort((x, y) => y[1] - x[1]).map(([id]) => id);
}
