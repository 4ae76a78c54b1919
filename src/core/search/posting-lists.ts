/**
 * The inverted index: for each term, the documents that contain it and how often (a count, see
 * term-entry). Weights are not kept: a posting weighs its term's weight of the moment × 1 + ln(count),
 * times its document's scale, which the index applies (see TfIdfIndex).
 *
 * Postings live in one compressed-sparse-row block, cut by document range so that a posting takes
 * three bytes (see PostingFill). Small additions go to per-term tails so that ingesting a few papers
 * does not rebuild the block; once the tails have grown past a tenth of the block they are merged in.
 */
import {
  cursorsFrom,
  fillPostings,
  LOW_BITS,
  planFill,
  type PostingFill,
  RANGE_BITS,
  rangesFor,
} from "./fill-postings.js";
import type { InvertingWorker } from "./invert-in-worker.js";
import { SUBLINEAR } from "./row-weights.js";
import { entryCount, entryTerm } from "./term-entry.js";

/**
 * Documents `firstDoc … firstDoc+count-1` as rows: row d spans `start[d] … start[d+1]-1` of
 * `entries`, its terms with their counts (see term-entry).
 */
export interface DocumentRows {
  firstDoc: number;
  count: number;
  start: Int32Array;
  entries: Uint32Array;
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
  private ranges = 1;
  /** See PostingFill: where each term's postings in each document range begin. */
  private starts: Int32Array = new Int32Array(1);
  private docs: Uint16Array = new Uint16Array(0);
  private counts: Uint8Array = new Uint8Array(0);
  /** One past the highest document number with postings. */
  private docLimit = 0;
  private tails = new Map<number, { docs: number[]; counts: number[] }>();
  private tailSize = 0;

  /**
   * Builds the block in one go from per-document rows, the fast path for a fresh index:
   * `postingCounts[term]` postings per term (the searchable documents holding it, or 0 for a term
   * left out). Blocks must come in ascending document order, so that every list is sorted.
   */
  static fromRows(
    blocks: readonly DocumentRows[],
    postingCounts: Int32Array,
    alive: Uint8Array,
  ): PostingLists {
    const fill = planFill(blocks, postingCounts, alive, false);
    fillPostings(fill, 0, blocks.length, cursorsFrom(fill, 0));
    return PostingLists.filled(fill);
  }

  /**
   * Like `fromRows` for rows in shared memory, with `helper` writing the postings of the blocks from
   * `split` on at the same time. Whatever the helper fails to write, this thread does.
   */
  static async fromRowsInParallel(
    blocks: readonly DocumentRows[],
    postingCounts: Int32Array,
    alive: Uint8Array,
    helper: InvertingWorker,
    split: number,
  ): Promise<PostingLists> {
    const fill = planFill(blocks, postingCounts, alive, true);
    const helped = helper.postings(fill, split);
    fillPostings(fill, 0, split, cursorsFrom(fill, 0));
    if (!(await helped)) fillPostings(fill, split, blocks.length, cursorsFrom(fill, split));
    return PostingLists.filled(fill);
  }

  /** The lists of a filled plan; lets go of its rows, which nothing else may hold. */
  private static filled(fill: PostingFill): PostingLists {
    for (const rows of fill.blocks) rows.entries = new Uint32Array(0);
    const lists = new PostingLists();
    lists.ranges = fill.ranges;
    lists.starts = fill.starts;
    lists.docs = fill.docs;
    lists.counts = fill.counts;
    const last = fill.blocks[fill.blocks.length - 1];
    lists.docLimit = last ? last.firstDoc + last.count : 0;
    return lists;
  }

  /** Adds one document's postings: its entries (see term-entry), terms ascending. */
  append(doc: number, entries: Uint32Array): void {
    for (const entry of entries) {
      const term = entryTerm(entry);
      let tail = this.tails.get(term);
      if (!tail) {
        tail = { docs: [], counts: [] };
        this.tails.set(term, tail);
      }
      tail.docs.push(doc);
      tail.counts.push(entryCount(entry));
    }
    this.tailSize += entries.length;
    this.docLimit = Math.max(this.docLimit, doc + 1);
  }

  /** Merges the tails into the block when they have grown large; call after a batch of appends. */
  settle(): void {
    if (this.tailSize > 0 && this.tailSize * 10 >= this.docs.length) this.compact();
  }

  /**
   * Adds `queryWeight × (1 + ln count)` of every posting of `term` to `scores`, recording in
   * `touched` each document whose score was 0 before. The search hot path: plain loops over typed arrays.
   */
  accumulate(term: number, queryWeight: number, scores: Float32Array, touched: Touched): void {
    const { docs, counts, starts, ranges } = this;
    if (term < this.termCount) {
      for (let range = 0; range < ranges; range++) {
        const high = range << RANGE_BITS;
        const end = starts[term * ranges + range + 1] as number;
        for (let p = starts[term * ranges + range] as number; p < end; p++) {
          const doc = high | (docs[p] as number);
          const before = scores[doc] as number;
          if (before === 0) touched.push(doc);
          scores[doc] = before + queryWeight * (SUBLINEAR[counts[p] as number] as number);
        }
      }
    }
    const tail = this.tails.get(term);
    if (!tail) return;
    for (let p = 0; p < tail.docs.length; p++) {
      const doc = tail.docs[p] as number;
      const before = scores[doc] as number;
      if (before === 0) touched.push(doc);
      scores[doc] = before + queryWeight * (SUBLINEAR[tail.counts[p] as number] as number);
    }
  }

  /**
   * Σ queryWeight × (1 + ln count) of the given terms for each candidate document (aligned with
   * `candidates`). Walks a term's postings, or looks each candidate up when that is cheaper.
   * `marks` is zeroed scratch space with a slot per document, left zeroed.
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
        this.forEach(term, (doc, count) => {
          const slot = (marks[doc] as number) - 1;
          if (slot >= 0) sums[slot] = (sums[slot] as number) + queryWeight * (SUBLINEAR[count] as number);
        });
      } else {
        for (let i = 0; i < candidates.length; i++) {
          const count = this.countOf(term, candidates[i] as number);
          sums[i] = (sums[i] as number) + queryWeight * (SUBLINEAR[count] as number);
        }
      }
    }
    for (let i = 0; i < candidates.length; i++) marks[candidates[i] as number] = 0;
    return sums;
  }

  private get termCount(): number {
    return (this.starts.length - 1) / this.ranges;
  }

  private listLength(term: number): number {
    const { starts, ranges } = this;
    const inBlock =
      term < this.termCount ? (starts[(term + 1) * ranges] as number) - (starts[term * ranges] as number) : 0;
    return inBlock + (this.tails.get(term)?.docs.length ?? 0);
  }

  /** Calls `visit` for each document containing `term`, in ascending document order, with its count. */
  forEach(term: number, visit: (doc: number, count: number) => void): void {
    const { docs, counts, starts, ranges } = this;
    if (term < this.termCount) {
      for (let range = 0; range < ranges; range++) {
        const high = range << RANGE_BITS;
        const end = starts[term * ranges + range + 1] as number;
        for (let p = starts[term * ranges + range] as number; p < end; p++)
          visit(high | (docs[p] as number), counts[p] as number);
      }
    }
    const tail = this.tails.get(term);
    if (tail)
      for (let p = 0; p < tail.docs.length; p++) visit(tail.docs[p] as number, tail.counts[p] as number);
  }

  /** How often `term` occurs in `doc` (0 if not). Binary search in the block, then a scan of the short tail. */
  countOf(term: number, doc: number): number {
    const range = doc >>> RANGE_BITS;
    if (term < this.termCount && range < this.ranges) {
      const low16 = doc & LOW_BITS;
      let low = this.starts[term * this.ranges + range] as number;
      let high = (this.starts[term * this.ranges + range + 1] as number) - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const found = this.docs[mid] as number;
        if (found === low16) return this.counts[mid] as number;
        if (found < low16) low = mid + 1;
        else high = mid - 1;
      }
    }
    const tail = this.tails.get(term);
    const at = tail ? tail.docs.indexOf(doc) : -1;
    return at >= 0 ? (tail?.counts[at] ?? 0) : 0;
  }

  /** One block of every posting, block then tails per term (documents ascending), cut by range anew. */
  private compact(): void {
    let terms = this.termCount;
    for (const term of this.tails.keys()) terms = Math.max(terms, term + 1);
    const ranges = rangesFor(this.docLimit);
    const starts = new Int32Array(terms * ranges + 1);
    for (let term = 0; term < terms; term++) {
      this.forEach(term, (doc) => {
        const at = term * ranges + (doc >>> RANGE_BITS) + 1;
        starts[at] = (starts[at] as number) + 1;
      });
    }
    for (let at = 1; at < starts.length; at++)
      starts[at] = (starts[at] as number) + (starts[at - 1] as number);
    const total = starts[starts.length - 1] as number;
    const docs = new Uint16Array(total);
    const counts = new Uint8Array(total);
    let cursor = 0;
    for (let term = 0; term < terms; term++) {
      this.forEach(term, (doc, count) => {
        docs[cursor] = doc & LOW_BITS;
        counts[cursor++] = count;
      });
    }
    this.ranges = ranges;
    this.starts = starts;
    this.docs = docs;
    this.counts = counts;
    this.tails = new Map();
    this.tailSize = 0;
  }
}
