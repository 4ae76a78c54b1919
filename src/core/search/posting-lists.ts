/**
 * The inverted index: for each term, the documents that contain it and how often (a count, see
 * term-entry). Weights are not kept: a posting weighs its term's weight of the moment × 1 + ln(count),
 * times its document's scale, which the index applies (see TfIdfIndex).
 *
 * Postings live in compressed-sparse-row blocks, cut by document range so that a posting takes
 * three bytes (see PostingBlock): one per thread that built them, each holding its own documents.
 * Small additions go to per-term tails so that ingesting a few papers does not rebuild a block;
 * once the tails have grown past a tenth of the blocks, everything is merged into one block.
 */
import { doubled } from "./doubled.js";
import { LOW_BITS, type PostingBlock, RANGE_BITS, rangesFor } from "./fill-postings.js";
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
    if (this.length === this.ids.length) this.ids = doubled(this.ids);
    this.ids[this.length++] = doc;
  }
}

export class PostingLists {
  private blocks: PostingBlock[] = [];
  /** With several blocks, which one holds each document (by index in `blocks`), so that one is searched. */
  private blockOf = new Uint8Array(0);
  /** One past the highest document number with postings. */
  private docLimit = 0;
  private tails = new Map<number, { docs: number[]; counts: number[] }>();
  private tailSize = 0;

  /**
   * Lists over blocks holding disjoint documents, all below `docLimit`; with more than one block,
   * `blockOf` says which holds each document.
   */
  static fromBlocks(blocks: PostingBlock[], docLimit: number, blockOf = new Uint8Array(0)): PostingLists {
    if (blocks.length > 1 && blockOf.length < docLimit)
      throw new RangeError("Several posting blocks need to know which holds each document.");
    const lists = new PostingLists();
    lists.blocks = blocks;
    lists.docLimit = docLimit;
    lists.blockOf = blockOf;
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

  /** Merges the tails into the blocks when they have grown large; call after a batch of appends. */
  settle(): void {
    const inBlocks = this.blocks.reduce((sum, block) => sum + block.docs.length, 0);
    if (this.tailSize > 0 && this.tailSize * 10 >= inBlocks) this.compact();
  }

  /**
   * Adds `queryWeight × (1 + ln count)` of every posting of `term` to `scores`, recording in
   * `touched` each document whose score was 0 before. The search hot path: plain loops over typed arrays.
   */
  accumulate(term: number, queryWeight: number, scores: Float32Array, touched: Touched): void {
    for (const { docs, counts, starts, ranges } of this.blocks) {
      if (term >= termsOf(starts, ranges)) continue;
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

  private listLength(term: number): number {
    let length = this.tails.get(term)?.docs.length ?? 0;
    for (const { starts, ranges } of this.blocks) {
      if (term < termsOf(starts, ranges))
        length += (starts[(term + 1) * ranges] as number) - (starts[term * ranges] as number);
    }
    return length;
  }

  /**
   * Calls `visit` for each document containing `term`, with its count: block by block, each in
   * ascending document order, then the tail (the newest documents, ascending).
   */
  forEach(term: number, visit: (doc: number, count: number) => void): void {
    for (const block of this.blocks) forEachInBlock(block, term, visit);
    const tail = this.tails.get(term);
    if (tail)
      for (let p = 0; p < tail.docs.length; p++) visit(tail.docs[p] as number, tail.counts[p] as number);
  }

  /** How often `term` occurs in `doc` (0 if not). Binary search in the block holding it, then a scan of the short tail. */
  countOf(term: number, doc: number): number {
    const block = this.blocks.length > 1 ? this.blocks[this.blockOf[doc] ?? -1] : this.blocks[0];
    const found = block ? countInBlock(block, term, doc) : 0;
    if (found > 0) return found;
    const tail = this.tails.get(term);
    const at = tail ? tail.docs.indexOf(doc) : -1;
    return at >= 0 ? (tail?.counts[at] ?? 0) : 0;
  }

  /** One block of every posting, cut by range anew, each list in ascending document order. */
  private compact(): void {
    let terms = 0;
    for (const { starts, ranges } of this.blocks) terms = Math.max(terms, termsOf(starts, ranges));
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
      this.forEachInOrder(term, (doc, count) => {
        docs[cursor] = doc & LOW_BITS;
        counts[cursor++] = count;
      });
    }
    this.blocks = [{ ranges, starts, docs, counts }];
    this.blockOf = new Uint8Array(0);
    this.tails = new Map();
    this.tailSize = 0;
  }

  /** `forEach` in ascending document order: the lists of the blocks and tail (each ascending) merged. */
  private forEachInOrder(term: number, visit: (doc: number, count: number) => void): void {
    if (this.blocks.length <= 1) {
      this.forEach(term, visit);
      return;
    }
    const lists = this.blocks.map((block) => listOf(block, term));
    const tail = this.tails.get(term);
    if (tail) lists.push(tail);
    const at = lists.map(() => 0);
    for (;;) {
      let next = -1;
      for (let k = 0; k < lists.length; k++) {
        const doc = (lists[k] as PostingList).docs[at[k] as number];
        if (
          doc !== undefined &&
          (next < 0 || doc < ((lists[next] as PostingList).docs[at[next] as number] as number))
        )
          next = k;
      }
      if (next < 0) return;
      const list = lists[next] as PostingList;
      const i = at[next] as number;
      visit(list.docs[i] as number, list.counts[i] as number);
      at[next] = i + 1;
    }
  }
}

interface PostingList {
  docs: number[];
  counts: number[];
}

/** A block's list of `term`, in ascending document order. */
function listOf(block: PostingBlock, term: number): PostingList {
  const list: PostingList = { docs: [], counts: [] };
  forEachInBlock(block, term, (doc, count) => {
    list.docs.push(doc);
    list.counts.push(count);
  });
  return list;
}

/** Calls `visit` for each document of the block containing `term`, in ascending order, with its count. */
function forEachInBlock(
  { docs, counts, starts, ranges }: PostingBlock,
  term: number,
  visit: (doc: number, count: number) => void,
): void {
  if (term >= termsOf(starts, ranges)) return;
  for (let range = 0; range < ranges; range++) {
    const high = range << RANGE_BITS;
    const end = starts[term * ranges + range + 1] as number;
    for (let p = starts[term * ranges + range] as number; p < end; p++)
      visit(high | (docs[p] as number), counts[p] as number);
  }
}

/** How often `term` occurs in `doc` in the block (0 if not): a binary search in its list's range. */
function countInBlock({ docs, counts, starts, ranges }: PostingBlock, term: number, doc: number): number {
  const range = doc >>> RANGE_BITS;
  if (term >= termsOf(starts, ranges) || range >= ranges) return 0;
  const low16 = doc & LOW_BITS;
  let low = starts[term * ranges + range] as number;
  let high = (starts[term * ranges + range + 1] as number) - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const found = docs[mid] as number;
    if (found === low16) return counts[mid] as number;
    if (found < low16) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** How many terms a block has lists for. */
function termsOf(starts: Int32Array, ranges: number): number {
  return (starts.length - 1) / ranges;
}
