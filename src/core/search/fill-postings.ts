import { readable } from "./own-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import { onlyPosted, tallyTerms } from "./tally-terms.js";
import { entryCount, entryTerm } from "./term-entry.js";

/** Within a range of this many documents, a posting keeps only the low 16 bits of its document number. */
export const RANGE_BITS = 16;
/** Documents per range. */
const RANGE_SIZE = 1 << RANGE_BITS;
/** The part of a document number a posting keeps: its place within its range. */
export const LOW_BITS = RANGE_SIZE - 1;

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

/** Called with each block of rows before its postings are written, in document order. */
export type BlockVisit = (rows: DocumentRows) => void;

export interface FillOptions {
  /**
   * Shown each block before its postings are written. Its entries may be a scratch copy (see
   * own-rows' `readable`): read them there and then, without calling `readable`.
   */
  visit?: BlockVisit;
  /** How many postings each term has among the rows, when known: then they are not counted again. */
  counted?: Int32Array;
  /** Handed each block once its postings are written: it is not read again. */
  done?: (rows: DocumentRows) => void;
}

/**
 * A block being filled from counted rows: which documents are searchable, where each term's slots
 * begin, and where its next posting goes (-1 for a term left out).
 */
interface PostingFill extends PostingBlock {
  blocks: readonly DocumentRows[];
  alive: Uint8Array;
  offsets: Int32Array;
  cursor: Int32Array;
}

/**
 * The posting lists of counted rows (blocks in ascending document order): one posting per
 * searchable row and term that `posted` marks (non-zero; 0 for a term left out).
 */
export function fillBlock(
  blocks: readonly DocumentRows[],
  posted: Int32Array,
  alive: Uint8Array,
  { visit, counted, done }: FillOptions = {},
): PostingBlock {
  const fill = planFill(blocks, counted ?? postingCounts(blocks, posted, alive), alive);
  fillPostings(fill, visit, done);
  const { ranges, starts, docs, counts } = fill;
  return { ranges, starts, docs, counts };
}

/** Per term, how many searchable rows of `blocks` hold it, if `posted` marks it (else 0). */
function postingCounts(blocks: readonly DocumentRows[], posted: Int32Array, alive: Uint8Array): Int32Array {
  const counts = new Int32Array(posted.length);
  for (const rows of blocks) tallyTerms(counts, rows, 1, (doc) => alive[doc] === 1);
  onlyPosted(counts, posted);
  return counts;
}

/** Document ranges needed for documents `0 … docCount-1`: at least one. */
export function rangesFor(docCount: number): number {
  return Math.max(1, Math.ceil(docCount / RANGE_SIZE));
}

/**
 * Lays out the postings of counted rows: `postingCounts[term]` slots per term, in term order, each
 * term's cursor at its first slot and the first range begun there. One pass over the terms: it runs
 * before the code is warm, when each such pass costs.
 */
function planFill(
  blocks: readonly DocumentRows[],
  postingCounts: Int32Array,
  alive: Uint8Array,
): PostingFill {
  const terms = postingCounts.length;
  const last = blocks[blocks.length - 1];
  const ranges = rangesFor(last ? last.firstDoc + last.count : 0);
  const offsets = new Int32Array(terms + 1);
  const starts = new Int32Array(terms * ranges + 1);
  const cursor = new Int32Array(terms);
  let total = 0;
  for (let term = 0; term < terms; term++) {
    const count = postingCounts[term] as number;
    offsets[term] = total;
    starts[term * ranges] = total;
    // -1 for a term left out: one look-up per entry tells both whether and where to write.
    cursor[term] = count === 0 ? -1 : total;
    total += count;
  }
  offsets[terms] = total;
  starts[terms * ranges] = total;
  return {
    blocks,
    alive,
    offsets,
    cursor,
    ranges,
    starts,
    docs: new Uint16Array(total),
    counts: new Uint8Array(total),
  };
}

/**
 * Writes the postings of the searchable rows in document order: each entry at its term's cursor
 * (which starts where the term's slots do), so that every list comes out in ascending document
 * order, and where each range begins as the rows enter it.
 */
function fillPostings(fill: PostingFill, visit: BlockVisit | undefined, done: FillOptions["done"]): void {
  const { blocks } = fill;
  let range = 0;
  for (const stored of blocks) {
    // Every block is read through an object of one shape: stored ones come in several (counted here,
    // cloned from a worker), and the loops that meet several run slower.
    const { firstDoc, count, start, frequencies } = stored;
    const rows: DocumentRows = { firstDoc, count, start, entries: readable(stored.entries), frequencies };
    visit?.(rows);
    // Rows are filled a range at a time, so that the loop over entries holds no branch it seldom takes.
    for (let row = 0; row < rows.count;) {
      const doc = rows.firstDoc + row;
      while (range < doc >>> RANGE_BITS) startRange(fill, ++range);
      const rangeEnd = Math.min(rows.count, (range + 1) * RANGE_SIZE - rows.firstDoc);
      fillRows(fill, rows, row, rangeEnd);
      row = rangeEnd;
    }
    done?.(stored);
  }
  while (range < fill.ranges - 1) startRange(fill, ++range);
}

/** Writes the postings of rows `from … to-1` of `rows`, all in one document range, at their terms' cursors. */
function fillRows(fill: PostingFill, rows: DocumentRows, from: number, to: number): void {
  const { alive, docs, counts, cursor } = fill;
  const { firstDoc, start, entries } = rows;
  for (let row = from; row < to; row++) {
    const doc = firstDoc + row;
    if (alive[doc] !== 1) continue;
    const low = doc & LOW_BITS;
    const end = start[row + 1] as number;
    for (let p = start[row] as number; p < end; p++) {
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

/** Records where each term's postings in `range` begin: its cursor, as the rows enter the range. */
function startRange(fill: PostingFill, range: number): void {
  const { starts, offsets, ranges, cursor } = fill;
  for (let term = 0; term < cursor.length; term++) {
    const at = cursor[term] as number;
    starts[term * ranges + range] = at >= 0 ? at : (offsets[term] as number);
  }
}
