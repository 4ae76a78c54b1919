import type { EntryOutcome } from "./from-csl.js";

/** Reads one entry of the file when called; deferred so the entry limit is checked before the work. */
export type EntrySlot = () => EntryOutcome;

/** What a format's reader makes of a whole file. */
export interface FormatReading {
  /** One per entry of the file, in file order. */
  slots: EntrySlot[];
  /** How many entries count against the limit; `slots.length` when absent. */
  entryCount?: number;
  /** What to name when nothing in the file is usable; the first skipped entry's reason when absent. */
  firstProblem?: string;
}
