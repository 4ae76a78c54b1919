import type { DocumentRows } from "./posting-lists.js";
import { entryCount, entryTerm } from "./term-entry.js";

/** Within a range of this many documents, a posting keeps only the low 16 bits of its document number. */
export const RANGE_BITS = 16;
/** The part of a document number a posting keeps: its place within its range. */
export const LOW_BITS = (1 << RANGE_BITS) - 1;

/**
 * What inverting counted rows into posting lists takes: the rows, which documents are searchable,
 * each term's posting count (0 for a term left out) and first slot, and the arrays the postings are
 * written to. A term's postings are cut by document range: `starts[term × ranges + range]` is where
 * those in `range` begin (the next one is where they end, `starts[terms × ranges]` the total).
 * With `shared`, they are in shared memory, so that another thread can write some of them.
 */
export interface PostingFill {
  blocks: readonly DocumentRows[];
  alive: Uint8Array;
  postingCounts: Int32Array;
  offsets: Int32Array;
  ranges: number;
  starts: Int32Array;
  /** Each posting's document number, less its range's first (see RANGE_BITS). */
  docs: Uint16Array;
  counts: Uint8Array;
}

/** Document ranges needed for documents `0 … docCount-1`: at least one. */
export function rangesFor(docCount: number): number {
  return Math.max(1, Math.ceil(docCount / (1 << RANGE_BITS)));
}

/** Lays out the postings of counted rows: `postingCounts[term]` slots per term, in term order. */
export function planFill(
  blocks: readonly DocumentRows[],
  postingCounts: Int32Array,
  alive: Uint8Array,
  shared: boolean,
): PostingFill {
  const terms = postingCounts.length;
  const offsets = new Int32Array(terms + 1);
  for (let term = 0; term < terms; term++)
    offsets[term + 1] = (offsets[term] as number) + (postingCounts[term] as number);
  const total = offsets[terms] as number;
  const last = blocks[blocks.length - 1];
  const ranges = rangesFor(last ? last.firstDoc + last.count : 0);
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const starts = new Int32Array(memory((terms * ranges + 1) * Int32Array.BYTES_PER_ELEMENT));
  for (let term = 0; term < terms; term++) starts[term * ranges] = offsets[term] as number;
  starts[terms * ranges] = total;
  return {
    blocks,
    alive,
    postingCounts,
    offsets,
    ranges,
    starts,
    docs: new Uint16Array(memory(total * Uint16Array.BYTES_PER_ELEMENT)),
    counts: new Uint8Array(memory(total)),
  };
}

/**
 * Each term's next free slot for the postings of `blocks[first…]`: after the postings of the blocks
 * before (which `fillPostings` of those writes), as filling every block in order would have it.
 */
export function cursorsFrom(fill: PostingFill, first: number): Int32Array {
  const { alive, postingCounts } = fill;
  // -1 for a term left out: one look-up per entry tells both whether and where to write.
  const cursor = fill.offsets
    .slice(0, postingCounts.length)
    .map((at, term) => (postingCounts[term] === 0 ? -1 : at));
  for (const { firstDoc, count, start, entries } of fill.blocks.slice(0, first)) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      const end = start[row + 1] as number;
      for (let p = start[row] as number; p < end; p++) {
        const term = entryTerm(entries[p] as number);
        const at = cursor[term] as number;
        if (at >= 0) cursor[term] = at + 1;
      }
    }
  }
  return cursor;
}

/**
 * Writes the postings of the searchable rows of blocks `first … end-1`: each entry at its term's
 * next slot in `cursor` (which it advances; see `cursorsFrom`), and where each document range
 * begins as the rows reach it.
 */
export function fillPostings(fill: PostingFill, first: number, end: number, cursor: Int32Array): void {
  const { alive, docs, counts } = fill;
  const firstDoc = fill.blocks[first]?.firstDoc ?? 0;
  let range = Math.floor((firstDoc - 1) / (1 << RANGE_BITS));
  for (const { firstDoc, count, start, entries } of fill.blocks.slice(first, end)) {
    for (let row = 0; row < count; row++) {
      const doc = firstDoc + row;
      while (range < doc >>> RANGE_BITS) startRange(fill, ++range, cursor);
      if (alive[doc] !== 1) continue;
      const low = doc & LOW_BITS;
      const rowEnd = start[row + 1] as number;
      for (let p = start[row] as number; p < rowEnd; p++) {
        const entry = entries[p] as number;
        const term = entryTerm(entry);
        const at = cursor[term] as number;
        if (at < 0) continue;
        docs[at] = low;
        counts[at] = entryCount(entry);
        cursor[term] = at + 1;
      }
    }
  }
}

/** Records where each term's postings in `range` begin: its next free slot, as the rows reach the range. */
function startRange(fill: PostingFill, range: number, cursor: Int32Array): void {
  const { starts, offsets, ranges } = fill;
  for (let term = 0; term < cursor.length; term++) {
    const at = cursor[term] as number;
    starts[term * ranges + range] = at >= 0 ? at : (offsets[term] as number);
  }
}
