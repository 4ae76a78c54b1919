import type { DocumentRows } from "./posting-lists.js";
import { releaseRows } from "./own-rows.js";

/**
 * Shares counted blocks (two or more) out between an inverting worker (`theirs`) and this thread
 * (`mine`), about half the entries each, both in document order, at least one block each. The
 * worker takes blocks in shared memory first (those the counting worker counted); while they hold
 * less than half, it takes some of this thread's own, copied into shared memory (their own buffers
 * freed). This thread keeps the rest: its own it can free as it inverts them (see releaseRows).
 */
export function shareOut(blocks: readonly DocumentRows[]): { theirs: DocumentRows[]; mine: DocumentRows[] } {
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
  return {
    theirs: blocks.filter((rows) => taken.has(rows)).map(inSharedMemory),
    mine: blocks.filter((rows) => !taken.has(rows)),
  };
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
