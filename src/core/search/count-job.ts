import type { PaperText } from "./count-rows.js";
import type { DocumentRows } from "./posting-lists.js";
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

export type CountMessage = CountJob | PaperText[] | typeof END;

/** What it sends back once all papers are counted: rows numbered from 0, in its own term ids. */
export interface CountedShare {
  rows: DocumentRows;
  vocabulary: VocabularyPart;
}
