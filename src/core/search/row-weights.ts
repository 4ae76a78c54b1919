import type { DocumentRows } from "./posting-lists.js";

/** How weighed rows become posting weights: each row's weights times its document's scale. */
export interface RowWeighting {
  /** 1 for each document that is searchable; the others get no postings. */
  alive: Uint8Array;
  /** Per document: what its weights are multiplied by so that its vector has the intended length. */
  docScales: Float32Array;
}

/** 1 + ln(tf) for the small whole counts nearly every entry holds (weighted counts of words). */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** Sublinear term frequency, 1 + ln(tf). */
export function sublinearTf(tf: number): number {
  const whole = tf | 0;
  return whole === tf && whole < 256 ? (SUBLINEAR[whole] as number) : 1 + Math.log(tf);
}

/** How many searchable documents of `blocks` hold each term. */
export function documentFrequencies(
  blocks: readonly DocumentRows[],
  alive: Uint8Array,
  termCount: number,
): Int32Array {
  const frequencies = new Int32Array(termCount);
  for (const { firstDoc, count, start, terms } of blocks) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      const end = start[row + 1] as number;
      for (let p = start[row] as number; p < end; p++) {
        const term = terms[p] as number;
        frequencies[term] = (frequencies[term] as number) + 1;
      }
    }
  }
  return frequencies;
}

/**
 * Weighs every row in place (see `weighRow`) and returns each document's scale, one over its
 * pivoted norm `(1 - slope) × pivot + slope × norm`, where the pivot is the mean norm (slope 1 gives
 * plain L2 normalisation), with the pivot.
 */
export function weighRows(
  blocks: readonly DocumentRows[],
  termWeights: Float32Array,
  slope: number,
  docCount: number,
): { scales: Float32Array; pivot: number } {
  const norms = new Float64Array(docCount);
  let sum = 0;
  for (const rows of blocks) {
    for (let row = 0; row < rows.count; row++) {
      const norm = weighRow(rows, row, termWeights);
      norms[rows.firstDoc + row] = norm;
      sum += norm;
    }
  }
  const pivot = sum / Math.max(1, docCount);
  const scales = new Float32Array(docCount);
  for (let doc = 0; doc < docCount; doc++) {
    scales[doc] = 1 / ((1 - slope) * pivot + slope * (norms[doc] as number));
  }
  return { scales, pivot };
}

/**
 * Replaces a row's counts by their weights (sublinear tf × term weight) and returns the length of
 * the weighted vector (1 for an empty row, so that dividing by it is safe).
 */
function weighRow(rows: DocumentRows, row: number, termWeights: Float32Array): number {
  const { terms, weights } = rows;
  const end = rows.start[row + 1] as number;
  let squares = 0;
  for (let p = rows.start[row] as number; p < end; p++) {
    const weight = sublinearTf(weights[p] as number) * (termWeights[terms[p] as number] as number);
    weights[p] = weight;
    squares += weight * weight;
  }
  return Math.sqrt(squares) || 1;
}
