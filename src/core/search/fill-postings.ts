import type { DocumentRows } from "./posting-lists.js";
import { entryCount, entryTerm } from "./term-entry.js";

/** Within a range of this many documents, a posting keeps only the low 16 bits of its document number. */
export const RANGE_BITS = 16;
/** The part of a document number a posting keeps: its place within its range. */
export const LOW_BITS = (1 << RANGE_BITS) - 1;
/** Read rows are given back once this many bytes of them have piled up: a resize costs a system call. */
const RELEASE_BYTES = 1 << 20;

/**
 * Posting lists of some documents in one compressed-sparse-row block. A term's postings are cut by
 * document range: `starts[term × ranges + range]` is where those in `range` begin (the next one is
 * where they end, `starts[terms × ranges]` the total). Within a range, lists are in ascending
 * document order.
 */
export interface PostingBlock {
  ranges: number;
  starts: Int32Array;
  /** Each posting's document number, less its range's first (see RANGE_BITS). */
  docs: Uint16Array;
  counts: Uint8Array;
}

/** Called with each row, searchable or not, before it is let go of. */
export type RowVisit = (rows: DocumentRows, row: number) => void;

/** A block being filled from counted rows: which documents are searchable, and each term's slots. */
interface PostingFill extends PostingBlock {
  blocks: readonly DocumentRows[];
  alive: Uint8Array;
  postingCounts: Int32Array;
  offsets: Int32Array;
}

/**
 * The posting lists of counted rows (blocks in ascending document order): `postingCounts[term]`
 * postings per term (the searchable documents holding it, or 0 for a term left out). The rows are
 * emptied as they are read (see fillPostings): nothing may read them afterwards, but `visit`, which
 * is shown each row first.
 */
export function fillBlock(
  blocks: readonly DocumentRows[],
  postingCounts: Int32Array,
  alive: Uint8Array,
  visit?: RowVisit,
): PostingBlock {
  const fill = planFill(blocks, postingCounts, alive);
  fillPostings(fill, visit);
  const { ranges, starts, docs, counts } = fill;
  return { ranges, starts, docs, counts };
}

/** Document ranges needed for documents `0 … docCount-1`: at least one. */
export function rangesFor(docCount: number): number {
  return Math.max(1, Math.ceil(docCount / (1 << RANGE_BITS)));
}

/** Lays out the postings of counted rows: `postingCounts[term]` slots per term, in term order. */
function planFill(
  blocks: readonly DocumentRows[],
  postingCounts: Int32Array,
  alive: Uint8Array,
): PostingFill {
  const terms = postingCounts.length;
  const offsets = new Int32Array(terms + 1);
  for (let term = 0; term < terms; term++)
    offsets[term + 1] = (offsets[term] as number) + (postingCounts[term] as number);
  const total = offsets[terms] as number;
  const last = blocks[blocks.length - 1];
  const ranges = rangesFor(last ? last.firstDoc + last.count : 0);
  const starts = new Int32Array(terms * ranges + 1);
  starts[terms * ranges] = total;
  return {
    blocks,
    alive,
    postingCounts,
    offsets,
    ranges,
    starts,
    docs: new Uint16Array(total),
    counts: new Uint8Array(total),
  };
}

/**
 * Writes the postings of the searchable rows, from the last document to the first: each entry just
 * before its term's cursor (which starts at the end of the term's slots), so that every list comes
 * out in ascending document order, and where each range begins as the rows leave it. The rows are
 * given back as they are read (the resizable buffers they are in shrink to what is still unread),
 * so that rows and postings are never in memory whole at once; they are empty afterwards.
 */
function fillPostings(fill: PostingFill, visit: RowVisit | undefined): void {
  const { alive, docs, counts, postingCounts, blocks } = fill;
  // -1 for a term left out: one look-up per entry tells both whether and where to write.
  const cursor = fill.offsets.slice(1).map((end, term) => (postingCounts[term] === 0 ? -1 : end));
  let range = fill.ranges - 1;
  for (let block = blocks.length - 1; block >= 0; block--) {
    const rows = blocks[block] as DocumentRows;
    const { firstDoc, count, start, entries } = rows;
    for (let row = count - 1; row >= 0; row--) {
      visit?.(rows, row);
      const doc = firstDoc + row;
      while (range > doc >>> RANGE_BITS) startRange(fill, range--, cursor);
      const rowStart = start[row] as number;
      if (alive[doc] === 1) {
        const low = doc & LOW_BITS;
        for (let p = (start[row + 1] as number) - 1; p >= rowStart; p--) {
          const entry = entries[p] as number;
          const term = entryTerm(entry);
          const at = (cursor[term] as number) - 1;
          if (at < 0) continue;
          docs[at] = low;
          counts[at] = entryCount(entry);
          cursor[term] = at;
        }
      }
      releaseFrom(entries, rowStart, RELEASE_BYTES);
    }
  }
  while (range >= 0) startRange(fill, range--, cursor);
  for (const { entries } of blocks) releaseFrom(entries, 0, 0);
}

/** Records where each term's postings in `range` begin: its cursor, once the rows have left the range. */
function startRange(fill: PostingFill, range: number, cursor: Int32Array): void {
  const { starts, offsets, ranges } = fill;
  for (let term = 0; term < cursor.length; term++) {
    const at = cursor[term] as number;
    starts[term * ranges + range] = at >= 0 ? at : (offsets[term] as number);
  }
}

/**
 * Gives back the memory of `entries` from `entry` on, once more than `slack` bytes of it are left
 * (rows not in a resizable buffer, as some tests make them, are left alone).
 */
function releaseFrom(entries: Uint32Array, entry: number, slack: number): void {
  const buffer = entries.buffer;
  const from = entries.byteOffset + entry * Uint32Array.BYTES_PER_ELEMENT;
  if (buffer instanceof ArrayBuffer && buffer.resizable && buffer.byteLength - from > slack)
    buffer.resize(from);
}
