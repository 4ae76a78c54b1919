import type { DocumentRows } from "./posting-lists.js";
import { releaseRows } from "./own-rows.js";
import { addCarried, onlyPosted, tallyTerms } from "./tally-terms.js";

/** Counted blocks shared out between an inverting worker and this thread, with each share's postings. */
export interface RowShares {
  theirs: DocumentRows[];
  mine: DocumentRows[];
  /**
   * Per term, how many postings each share holds (0 where `posted` is 0), worked out from the
   * frequencies the blocks carry; undefined where they do not add up, and each share is counted.
   */
  theirPostings?: Int32Array;
  myPostings?: Int32Array;
}

/**
 * Shares counted blocks (two or more) out between an inverting worker (`theirs`) and this thread
 * (`mine`), about half the entries each, both in document order, at least one block each. The
 * worker takes blocks in shared memory first (those the counting worker counted); while they hold
 * less than half, it takes some of this thread's own, copied into shared memory (their own buffers
 * freed). This thread keeps the rest: its own it can free as it inverts them (see releaseRows).
 * `posted` is each term's postings among all the blocks' searchable rows (0 for a term left out).
 */
export function shareOut(blocks: readonly DocumentRows[], posted: Int32Array, alive: Uint8Array): RowShares {
  const half = blocks.reduce((sum, rows) => sum + rows.entries.length, 0) / 2;
  const taken = new Set<DocumentRows>();
  let given = 0;
  for (const shared of [true, false]) {
    for (const rows of blocks) {
      if ((given >= half && taken.size > 0) || taken.size === blocks.length - 1) break;
      if (isShared(rows) !== shared) continue;
      taken.add(rows);
      given += rows.entries.length;
    }
  }
  const theirPostings = postingsTaken(blocks, taken, posted, alive);
  return {
    theirs: blocks.filter((rows) => taken.has(rows)).map(inSharedMemory),
    mine: blocks.filter((rows) => !taken.has(rows)),
    theirPostings,
    myPostings: theirPostings?.map((count, term) => (posted[term] as number) - count),
  };
}

/**
 * Per term, the postings of the searchable rows of the blocks `taken`, without reading most rows:
 * the frequencies carried by blocks in shared memory count every row of those blocks (they are the
 * counting worker's, see countPages), so the taken ones hold those, less the rows of shared blocks
 * not taken and of shared rows not searchable, plus the searchable rows of the other blocks taken.
 * Undefined unless the shared blocks' frequencies add up to their entries (a row holds a term once).
 */
function postingsTaken(
  blocks: readonly DocumentRows[],
  taken: ReadonlySet<DocumentRows>,
  posted: Int32Array,
  alive: Uint8Array,
): Int32Array | undefined {
  const counts = new Int32Array(posted.length);
  let entries = 0;
  let carried = 0;
  for (const rows of blocks) {
    if (isShared(rows)) {
      entries += rows.entries.length;
      carried += addCarried(counts, rows);
      tallyTerms(counts, rows, -1, (doc) => !taken.has(rows) || alive[doc] !== 1);
    } else if (taken.has(rows)) {
      tallyTerms(counts, rows, 1, (doc) => alive[doc] === 1);
    }
  }
  if (carried !== entries) return undefined;
  onlyPosted(counts, posted);
  return counts;
}

function isShared(rows: DocumentRows): boolean {
  return rows.entries.buffer instanceof SharedArrayBuffer;
}

/** The rows with their entries in shared memory: moved there if they were in a buffer of their own. */
function inSharedMemory(rows: DocumentRows): DocumentRows {
  if (isShared(rows)) return rows;
  const entries = new Uint32Array(new SharedArrayBuffer(rows.entries.byteLength));
  entries.set(rows.entries);
  releaseRows(rows);
  rows.entries = entries;
  return rows;
}
