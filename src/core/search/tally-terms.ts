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
