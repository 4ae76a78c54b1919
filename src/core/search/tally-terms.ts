import { readable } from "./own-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import { entryTerm } from "./term-entry.js";

/**
 * Adds `sign` to `counts[term]` for each term of each row of `rows` whose document `tallied`
 * accepts (a row holds a term once, so a term's count moves by one per row). Terms past the end of
 * `counts` are not counted. Rows of their own are read through a copy (see own-rows).
 */
export function tallyTerms(
  counts: Int32Array,
  rows: DocumentRows,
  sign: number,
  tallied: (doc: number) => boolean,
): void {
  const { firstDoc, count, start } = rows;
  let entries: Uint32Array | undefined;
  for (let row = 0; row < count; row++) {
    if (!tallied(firstDoc + row)) continue;
    entries ??= readable(rows.entries);
    const end = start[row + 1] as number;
    for (let p = start[row] as number; p < end; p++) {
      const term = entryTerm(entries[p] as number);
      if (term < counts.length) counts[term] = (counts[term] as number) + sign;
    }
  }
}

/**
 * Adds the frequencies `rows` carry (how many of their rows hold each term, see RowCounter) to
 * `counts`, terms past its end left out; returns their total.
 */
export function addCarried(counts: Int32Array, rows: DocumentRows): number {
  const carried = rows.frequencies;
  let total = 0;
  for (let term = 0; term < carried.length && term < counts.length; term++) {
    counts[term] = (counts[term] as number) + (carried[term] as number);
    total += carried[term] as number;
  }
  return total;
}

/** Sets to 0 the count of each term that `posted` leaves out (0 there). */
export function onlyPosted(counts: Int32Array, posted: Int32Array): void {
  for (let term = 0; term < counts.length; term++) if (posted[term] === 0) counts[term] = 0;
}
