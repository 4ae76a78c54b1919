/**
 * The inverted index: for each term, the documents that contain it and the term's weight there.
 *
 * Postings live in one compressed-sparse-row block (three typed arrays, cheap in memory and fast to
 * walk). Small additions go to per-term tails so that ingesting a few papers does not rebuild the
 * block; large ones (or tails grown past a tenth of the block) are merged in with one counting sort.
 */
import { cursorsFrom, fillDocs, fillWeights, planFill, type PostingFill } from "./fill-postings.js";
import type { InvertingWorker } from "./invert-in-worker.js";
import type { RowWeighting } from "./row-weights.js";

/** Documents `firstDoc … firstDoc+count-1` as rows: row d spans `start[d] … start[d+1]-1` of terms/weights. */
export interface DocumentRows {
  firstDoc: number;
  count: number;
  start: Int32Array;
  terms: Int32Array;
  weights: Float32Array;
  /** Per term id (up to some id; the rest hold 0): how many of these rows hold it. */
  frequencies: Int32Array;
}

/** A growable list of document numbers. */
export class Touched {
  ids = new Int32Array(1024);
  length = 0;

  push(doc: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = doc;
  }
}

export class PostingLists {
  private offsets: Int32Array = new Int32Array(1);
  private docs: Int32Array = new Int32Array(0);
  private weights: Float32Array = new Float32Array(0);
  private tails = new Map<number, { docs: number[]; weights: number[] }>();
  private tailSize = 0;

  /**
   * Builds the block in one go from per-document rows of term weights, the fast path for a fresh
   * index: `postingCounts[term]` postings per term (the searchable documents holding it, or 0
   * for a term left out), weighed as `weighting` says. Blocks must come in ascending document order,
   * so that every list is sorted.
   *
   * Consumes the rows: weights are written first, then the documents are written over the spent
   * weights of a block with room for them (rows are allocated with spare capacity), so that the
   * rows and the postings are never all in memory at once (they are the peak of a build).
   */
  static fromRows(
    blocks: readonly DocumentRows[],
    postingCounts: Int32Array,
    weighting: RowWeighting,
  ): PostingLists {
    const fill = planFill(blocks, postingCounts, weighting, false);
    fillWeights(fill, 0, blocks.length, cursorsFrom(fill, 0));
    fillDocs(fill, 0, blocks.length, cursorsFrom(fill, 0));
    return PostingLists.filled(fill);
  }

  /**
   * Like `fromRows` for rows in shared memory, with `helper` writing the postings of the blocks from
   * `split` on at the same time. Whatever the helper fails to write, this thread does.
   */
  static async fromRowsInParallel(
    blocks: readonly DocumentRows[],
    postingCounts: Int32Array,
    weighting: RowWeighting,
    helper: InvertingWorker,
    split: number,
  ): Promise<PostingLists> {
    const fill = planFill(blocks, postingCounts, weighting, true);
    const weighed = helper.weights(fill, split);
    fillWeights(fill, 0, split, cursorsFrom(fill, 0));
    if (!(await weighed)) fillWeights(fill, split, blocks.length, cursorsFrom(fill, split));
    // Every weight is read by now: the documents may go over the spent counts.
    const placed = helper.docs();
    fillDocs(fill, 0, split, cursorsFrom(fill, 0));
    if (!(await placed)) fillDocs(fill, split, blocks.length, cursorsFrom(fill, split));
    return PostingLists.filled(fill);
  }

  /** The lists of a filled plan; lets go of its rows, which nothing else may hold. */
  private static filled(fill: PostingFill): PostingLists {
    for (const rows of fill.blocks) {
      rows.weights = new Float32Array(0);
      rows.terms = new Int32Array(0);
    }
    const lists = new PostingLists();
    lists.offsets = fill.offsets;
    lists.docs = fill.docs;
    lists.weights = fill.weights;
    return lists;
  }

  /** Adds one document's postings; `ids` must be ascending (as in a SparseVector). */
  append(doc: number, ids: Int32Array, weights: Float32Array): void {
    for (let i = 0; i < ids.length; i++) {
      const term = ids[i] ?? 0;
      let tail = this.tails.get(term);
      if (!tail) {
        tail = { docs: [], weights: [] };
        this.tails.set(term, tail);
      }
      tail.docs.push(doc);
      tail.weights.push(weights[i] ?? 0);
    }
    this.tailSize += ids.length;
  }

  /** Merges the tails into the block when they have grown large; call after a batch of appends. */
  settle(): void {
    if (this.tailSize > 0 && this.tailSize * 10 >= this.docs.length) this.compact();
  }

  /**
   * Adds `queryWeight × weight` of every posting of `term` to `scores`, recording in `touched` each
   * document whose score was 0 before. The search hot path: a plain loop over typed arrays.
   */
  accumulate(term: number, queryWeight: number, scores: Float32Array, touched: Touched): void {
    if (term + 1 < this.offsets.length) {
      const docs = this.docs;
      const weights = this.weights;
      const end = this.offsets[term + 1] as number;
      for (let p = this.offsets[term] as number; p < end; p++) {
        const doc = docs[p] as number;
        const before = scores[doc] as number;
        if (before === 0) touched.push(doc);
        scores[doc] = before + queryWeight * (weights[p] as number);
      }
    }
    const tail = this.tails.get(term);
    if (!tail) return;
    for (let p = 0; p < tail.docs.length; p++) {
      const doc = tail.docs[p] as number;
      const before = scores[doc] as number;
      if (before === 0) touched.push(doc);
      scores[doc] = before + queryWeight * (tail.weights[p] as number);
    }
  }

  /**
   * Σ queryWeight × weight of the given terms for each candidate document (aligned with
   * `candidates`). Walks a term's postings, or binary-searches them per candidate when that is
   * cheaper. `marks` is zeroed scratch space with a slot per document, left zeroed.
   */
  scoreCandidates(
    terms: Int32Array,
    queryWeights: Float32Array,
    candidates: readonly number[],
    marks: Int32Array,
  ): Float64Array {
    const sums = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) marks[candidates[i] as number] = i + 1;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as number;
      const queryWeight = queryWeights[t] as number;
      const length = this.listLength(term);
      if (length < candidates.length * Math.log2(length + 2)) {
        this.addMarked(term, queryWeight, marks, sums);
      } else {
        for (let i = 0; i < candidates.length; i++) {
          sums[i] = (sums[i] as number) + queryWeight * this.weightOf(term, candidates[i] as number);
        }
      }
    }
    for (let i = 0; i < candidates.length; i++) marks[candidates[i] as number] = 0;
    return sums;
  }

  /** Adds `queryWeight × weight` of each posting of `term` whose document is marked to its slot's sum. */
  private addMarked(term: number, queryWeight: number, marks: Int32Array, sums: Float64Array): void {
    if (term + 1 < this.offsets.length) {
      const docs = this.docs;
      const weights = this.weights;
      const end = this.offsets[term + 1] as number;
      for (let p = this.offsets[term] as number; p < end; p++) {
        const slot = (marks[docs[p] as number] as number) - 1;
        if (slot >= 0) sums[slot] = (sums[slot] as number) + queryWeight * (weights[p] as number);
      }
    }
    const tail = this.tails.get(term);
    if (!tail) return;
    for (let p = 0; p < tail.docs.length; p++) {
      const slot = (marks[tail.docs[p] as number] as number) - 1;
      if (slot >= 0) sums[slot] = (sums[slot] as number) + queryWeight * (tail.weights[p] as number);
    }
  }

  private listLength(term: number): number {
    const inBlock =
      term + 1 < this.offsets.length
        ? (this.offsets[term + 1] as number) - (this.offsets[term] as number)
        : 0;
    return inBlock + (this.tails.get(term)?.docs.length ?? 0);
  }

  /** Calls `visit` for each document containing `term`, in ascending document order. */
  forEach(term: number, visit: (doc: number, weight: number) => void): void {
    const docs = this.docs;
    const weights = this.weights;
    if (term + 1 < this.offsets.length) {
      const end = this.offsets[term + 1] ?? 0;
      for (let p = this.offsets[term] ?? 0; p < end; p++) visit(docs[p] ?? 0, weights[p] ?? 0);
    }
    const tail = this.tails.get(term);
    if (tail) for (let p = 0; p < tail.docs.length; p++) visit(tail.docs[p] ?? 0, tail.weights[p] ?? 0);
  }

  /** The weight of `term` in `doc`, or 0. Binary search in the block, then a scan of the short tail. */
  weightOf(term: number, doc: number): number {
    if (term + 1 < this.offsets.length) {
      let low = this.offsets[term] ?? 0;
      let high = (this.offsets[term + 1] ?? 0) - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const found = this.docs[mid] ?? 0;
        if (found === doc) return this.weights[mid] ?? 0;
        if (found < doc) low = mid + 1;
        else high = mid - 1;
      }
    }
    const tail = this.tails.get(term);
    const at = tail ? tail.docs.indexOf(doc) : -1;
    return at >= 0 ? (tail?.weights[at] ?? 0) : 0;
  }

  private compact(): void {
    let terms = this.offsets.length - 1;
    for (const term of this.tails.keys()) terms = Math.max(terms, term + 1);
    const offsets = new Int32Array(terms + 1);
    for (let term = 0; term < terms; term++) {
      const inBlock =
        term + 1 < this.offsets.length ? (this.offsets[term + 1] ?? 0) - (this.offsets[term] ?? 0) : 0;
      offsets[term + 1] = (offsets[term] ?? 0) + inBlock + (this.tails.get(term)?.docs.length ?? 0);
    }
    const total = offsets[terms] ?? 0;
    const docs = new Int32Array(total);
    const weights = new Float32Array(total);
    for (let term = 0; term < terms; term++) {
      let cursor = offsets[term] ?? 0;
      this.forEach(term, (doc, weight) => {
        docs[cursor] = doc;
        weights[cursor++] = weight;
      });
    }
    this.offsets = offsets;
    this.docs = docs;
    this.weights = weights;
    this.tails = new Map();
    this.tailSize = 0;
  }
}
