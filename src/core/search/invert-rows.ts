import { fillBlock, type PostingBlock } from "./fill-postings.js";
import type { SketchSlots } from "./paper-sketches.js";
import type { DocumentRows } from "./posting-lists.js";
import { weighRow } from "./row-weights.js";

/**
 * What inverting counted rows takes: the rows (blocks in ascending document order), the terms'
 * weights, where each row's norm and sketch go (by document), which terms are posted (non-zero; 0
 * for a term left out), and which documents are searchable.
 */
export interface RowInversion {
  blocks: readonly DocumentRows[];
  termWeights: Float32Array;
  norms: Float64Array;
  sketches: SketchSlots;
  posted: Int32Array;
  alive: Uint8Array;
}

/** Writes each row's norm and sketch and returns the rows' posting block, weighing each row once. */
export function invertRows(inversion: RowInversion): PostingBlock {
  const { blocks, termWeights, norms, sketches, posted, alive } = inversion;
  return fillBlock(blocks, posted, alive, (rows, row) => weighRow(rows, row, termWeights, norms, sketches));
}
