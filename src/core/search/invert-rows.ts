import { fillBlock, type PostingBlock } from "./fill-postings.js";
import type { SketchSlots } from "./paper-sketches.js";
import type { DocumentRows } from "./posting-lists.js";
import { weighRow } from "./row-weights.js";

/**
 * What inverting counted rows takes: the rows (blocks in ascending document order), the terms'
 * weights, where each row's norm and sketch go (by document), each term's postings among these rows
 * (0 for a term left out), and which documents are searchable.
 */
export interface RowInversion {
  blocks: readonly DocumentRows[];
  termWeights: Float32Array;
  norms: Float64Array;
  sketches: SketchSlots;
  postingCounts: Int32Array;
  alive: Uint8Array;
}

/**
 * Writes each row's norm and sketch and returns the rows' posting block, in one pass that lets go
 * of each row once read: the rows give back their memory as the sketches and postings take theirs.
 */
export function invertRows(inversion: RowInversion): PostingBlock {
  const { blocks, termWeights, norms, sketches, postingCounts, alive } = inversion;
  return fillBlock(blocks, postingCounts, alive, (rows, row) =>
    weighRow(rows, row, termWeights, norms, sketches),
  );
}
