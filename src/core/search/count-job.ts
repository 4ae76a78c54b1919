import type { PaperText } from "../paper.js";
import type { DocumentRows } from "./posting-lists.js";
import type { FirstSeen } from "./row-builder.js";
import type { RowRenumbering } from "./term-order.js";
import type { VocabularyPart } from "./vocabulary.js";

/**
 * The first message to the counting worker; the papers follow in batches (`PaperText[]`), then
 * `END`. `papers` and `chars` are what to size the rows for (they grow if more come).
 */
export interface CountJob {
  titleWeight: number;
  papers: number;
  chars: number;
}

/** The last message: every batch has been sent. */
export const END = "end";

/** The worker's answer to each batch once counted: the sender keeps only a few batches in flight. */
export const COUNTED = "counted";

/**
 * Once its rows have been answered for: rows to rewrite in new term ids (its own, in shared memory)
 * before it exits.
 */
export interface RenumberJob {
  renumber: RowRenumbering;
}

/** Its answer to the RenumberJob, once the rows are rewritten. */
export const RENUMBERED = "renumbered";

export type CountMessage = CountJob | PaperText[] | typeof END | RenumberJob;

/**
 * What it sends back once all papers are counted: a block of rows per batch, each numbered from 0,
 * how many rows hold each term and the order terms were first met in, in its own term ids.
 */
export interface CountedShare {
  blocks: DocumentRows[];
  frequencies: Int32Array;
  firstSeen: FirstSeen;
  vocabulary: VocabularyPart;
}
