/** What makes a scored document a candidate: alive, score above 0, published since, kept by the filter. */
export interface CandidateRules {
  alive: Uint8Array;
  publishedMs: Float64Array;
  /** Each document's paper id, for the filter. */
  ids: readonly string[];
  sinceMs: number | undefined;
  filter: ((id: string) => boolean) | undefined;
}

export interface TopCandidates {
  /** The best `count` candidates, best first; ties keep the lower document first. */
  best: number[];
  /** How many documents qualified in all. */
  total: number;
}

/**
 * Filters the touched documents and keeps the best `count` of them in one pass: a min-heap over two
 * typed arrays, so that a candidate costs a few comparisons and no allocation. Gives what `topK`
 * gives over the filtered candidates.
 */
export function topCandidates(
  touched: Int32Array,
  length: number,
  scores: Float32Array,
  count: number,
  rules: CandidateRules,
): TopCandidates {
  const heap = new MinHeap(count);
  const { alive, publishedMs, ids, sinceMs, filter } = rules;
  let total = 0;
  // Most candidates score below the weakest kept one once the heap is full: they are passed over here.
  let floor = -Infinity;
  for (let i = 0; i < length; i++) {
    const doc = touched[i] as number;
    const score = scores[doc] as number;
    if (alive[doc] !== 1 || score <= 0) continue;
    if (sinceMs !== undefined && !((publishedMs[doc] as number) >= sinceMs)) continue;
    if (filter !== undefined && !filter(ids[doc] as string)) continue;
    total++;
    if (score < floor) continue;
    heap.offer(doc, score);
    floor = heap.floor;
  }
  return { best: heap.drain(), total };
}

/** The k strongest (score, id) pairs offered; ties keep the lower id. The root is the weakest kept. */
export class MinHeap {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(0, Math.floor(capacity)) || 0;
    this.ids = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(id: number, score: number): void {
    if (this.size < this.capacity) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (this.capacity > 0 && this.beats(id, score, 0)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The weakest kept score once the heap is full (an entry scoring less cannot get in), else -Infinity. */
  get floor(): number {
    return this.size === this.capacity && this.capacity > 0 ? (this.scores[0] as number) : -Infinity;
  }

  /** The kept ids, best first (empties the heap). */
  drain(): number[] {
    const order = new Array<number>(this.size);
    for (let at = this.size - 1; at >= 0; at--) {
      order[at] = this.ids[0] as number;
      this.size--;
      this.ids[0] = this.ids[this.size] as number;
      this.scores[0] = this.scores[this.size] as number;
      this.siftDown(0);
    }
    return order;
  }

  /** Whether (id, score) ranks above the entry at `slot`: higher score, or equal score and lower id. */
  private beats(id: number, score: number, slot: number): boolean {
    const other = this.scores[slot] as number;
    return score > other || (score === other && id < (this.ids[slot] as number));
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.beats(this.ids[parent] as number, this.scores[parent] as number, i)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < this.size && this.beats(this.ids[weakest] as number, this.scores[weakest] as number, left))
        weakest = left;
      if (right < this.size && this.beats(this.ids[weakest] as number, this.scores[weakest] as number, right))
        weakest = right;
      if (weakest === i) return;
      this.swap(i, weakest);
      i = weakest;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a] as number;
    const score = this.scores[a] as number;
    this.ids[a] = this.ids[b] as number;
    this.scores[a] = this.scores[b] as number;
    this.ids[b] = id;
    this.scores[b] = score;
  }
}
