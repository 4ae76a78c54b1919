import { type SketchSlots, sketchRow } from "./paper-sketches.js";
import { addCarried, tallyTerms } from "./tally-terms.js";
import type { DocumentRows } from "./posting-lists.js";
import { entryCount, entryTerm, MAX_COUNT, storedCount } from "./term-entry.js";

/** Sublinear term frequency, 1 + ln(tf), of every count an entry can hold (see term-entry). */
export const SUBLINEAR = Float64Array.from({ length: MAX_COUNT + 1 }, (_, tf) =>
  tf === 0 ? 0 : 1 + Math.log(tf),
);

/** Sublinear term frequency of a count as entries keep it (see storedCount). */
export function sublinearTf(count: number): number {
  return SUBLINEAR[storedCount(count)] as number;
}

/** How many searchable documents of `blocks` hold each term (the blocks' counts, less the rows not searchable). */
export function documentFrequencies(
  blocks: readonly DocumentRows[],
  alive: Uint8Array,
  termCount: number,
): Int32Array {
  const frequencies = new Int32Array(termCount);
  for (const rows of blocks) {
    addCarried(frequencies, rows);
    tallyTerms(frequencies, rows, -1, (doc) => alive[doc] !== 1);
  }
  return frequencies;
}

// Sized past the longest rows abstracts give (see heaviest-places): regrown only for longer ones.
let rowScratch = new Float64Array(1024);

/**
 * Writes the length of row `row` of `rows` weighted (sublinear tf × term weight; 1 for an empty row,
 * so that dividing by it is safe) to `norms` at its document, and the row's sketch to `sketches`
 * (chosen by the same weights, so they are looked up once). Reads the row only.
 */
export function weighRow(
  rows: DocumentRows,
  row: number,
  termWeights: Float32Array,
  norms: Float64Array,
  sketches: SketchSlots,
): void {
  const { start, entries } = rows;
  const rowStart = start[row] as number;
  const size = (start[row + 1] as number) - rowStart;
  if (size > rowScratch.length) rowScratch = new Float64Array(Math.max(size, rowScratch.length * 2));
  const scratch = rowScratch;
  let squares = 0;
  for (let i = 0; i < size; i++) {
    const entry = entries[rowStart + i] as number;
    const weight = (SUBLINEAR[entryCount(entry)] as number) * (termWeights[entryTerm(entry)] as number);
    scratch[i] = weight;
    squares += weight * weight;
  }
  const doc = rows.firstDoc + row;
  norms[doc] = Math.sqrt(squares) || 1;
  sketchRow(sketches, doc, scratch, size, entries, rowStart);
}

/**
 * Each document's scale, one over its pivoted norm `(1 - slope) × pivot + slope × norm`, where the
 * pivot is the mean norm of the searchable documents (slope 1 gives plain L2 normalisation), with the pivot.
 */
export function documentScales(
  norms: Float64Array,
  alive: Uint8Array,
  slope: number,
): { scales: Float32Array; pivot: number } {
  let sum = 0;
  let searchable = 0;
  for (let doc = 0; doc < norms.length; doc++) {
    if (alive[doc] !== 1) continue;
    sum += norms[doc] as number;
    searchable++;
  }
  const pivot = sum / Math.max(1, searchable);
  const scales = new Float32Array(norms.length);
  for (let doc = 0; doc < norms.length; doc++) {
    scales[doc] = 1 / ((1 - slope) * pivot + slope * (norms[doc] as number));
  }
  return { scales, pivot };
}
