/**
 * The k highest-scoring candidates, best first, in O(n log k) with a binary min-heap: the heap
 * root is the weakest of the current best k, so most candidates are rejected with one comparison.
 * Ties keep the lower candidate id first, so results are deterministic.
 */
export function topK(
  candidates: ArrayLike<number>,
  count: number,
  scoreOf: (id: number) => number,
): number[] {
  const k = Math.max(0, Math.floor(count));
  if (k === 0) return [];
  const heapIds: number[] = [];
  const heapScores: number[] = [];
  const weaker = (a: number, b: number): boolean =>
    (heapScores[a] ?? 0) < (heapScores[b] ?? 0) ||
    ((heapScores[a] ?? 0) === (heapScores[b] ?? 0) && (heapIds[a] ?? 0) > (heapIds[b] ?? 0));

  const swap = (a: number, b: number): void => {
    [heapIds[a], heapIds[b]] = [heapIds[b] ?? 0, heapIds[a] ?? 0];
    [heapScores[a], heapScores[b]] = [heapScores[b] ?? 0, heapScores[a] ?? 0];
  };
  const siftUp = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!weaker(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const siftDown = (): void => {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < heapIds.length && weaker(left, weakest)) weakest = left;
      if (right < heapIds.length && weaker(right, weakest)) weakest = right;
      if (weakest === i) return;
      swap(i, weakest);
      i = weakest;
    }
  };

  for (let c = 0; c < candidates.length; c++) {
    const id = candidates[c] ?? 0;
    const score = scoreOf(id);
    if (heapIds.length < k) {
      heapIds.push(id);
      heapScores.push(score);
      siftUp(heapIds.length - 1);
    } else {
      const rootScore = heapScores[0] ?? 0;
      const rootId = heapIds[0] ?? 0;
      if (score > rootScore || (score === rootScore && id < rootId)) {
        heapIds[0] = id;
        heapScores[0] = score;
        siftDown();
      }
    }
  }
  const order = heapIds.map((id, i) => ({ id, score: heapScores[i] ?? 0 }));
  order.sort((a, b) => b.score - a.score || a.id - b.id);
  return order.map((entry) => entry.id);
}
