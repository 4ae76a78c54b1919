import { fillBlock, type PostingBlock } from "./fill-postings.js";
import type { SketchSlots } from "./paper-sketches.js";
import type { DocumentRows } from "./posting-lists.js";
import { releaseRows } from "./own-rows.js";
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
  /** Each term's postings among these rows, when known already; else they are counted from `posted`. */
  postingCounts?: Int32Array;
  /** Frees each block's entries once inverted, where they are a buffer of their own (see releaseRows). */
  release?: boolean;
}

/** Writes each row's norm and sketch and returns the rows' posting block, weighing each row once. */
export function invertRows(inversion: RowInversion): PostingBlock {
  const { blocks, termWeights, norms, sketches, posted, alive, postingCounts, release } = inversion;
  const visit = (rows: DocumentRows) => {
    for (let row = 0; row < rows.count; row++) weighRow(rows, row, termWeights, norms, sketches);
  };
  return fillBlock(blocks, posted, alive, {
    visit,
    counted: postingCounts,
    done: release ? releaseRows : undefined,
  });
}
