let scratch = new Float64Array(256);

/**
 * The `k`-th largest of the first `size` of `values` (1 ≤ k ≤ size), by quickselect over a reused
 * copy. Weights are never NaN (the index makes them from counts), so plain comparisons order them.
 */
export function kthLargest(values: ArrayLike<number>, k: number, size = values.length): number {
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
