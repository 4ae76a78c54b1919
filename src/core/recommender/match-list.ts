import type { SparseVector } from "../search/sparse.js";
import type { PoolPostings } from "./pool-postings.js";

/**
 * A vector's best matches in a candidate pool: every candidate whose cosine similarity with it
 * (see matchScore) is at least `cut`, best first (score descending, then candidate ascending).
 * Computed once per pool and stated interest, then read by every profile stating that interest;
 * the cut keeps a phrase with common words from holding most of the pool.
 */
export interface MatchList {
  readonly docs: Int32Array;
  readonly scores: Float32Array;
  readonly cut: number;
}

/** A summed cosine as match lists hold it: in float32, at most 1 (anything above is rounding noise). */
export function matchScore(sum: number): number {
  return Math.fround(Math.min(1, sum));
}

/** Reusable space for building match lists: one slot per candidate. */
export class MatchScratch {
  readonly sums: Float64Array;
  readonly touched: Int32Array;

  constructor(size: number) {
    this.sums = new Float64Array(size);
    this.touched = new Int32Array(size);
  }
}

/**
 * Sums `vector`'s (positive weights, as the index makes them) dot product with every candidate
 * sharing a term with it into `scratch.sums`, by walking those terms' postings; returns how many
 * candidates it touched, listed first in `scratch.touched`. The caller resets their sums.
 */
export function sumMatches(vector: SparseVector, postings: PoolPostings, scratch: MatchScratch): number {
  const { sums, touched } = scratch;
  const { start, docs, weights } = postings;
  let count = 0;
  for (let i = 0; i < vector.ids.length; i++) {
    const term = postings.terms.numberOf(vector.ids[i] as number);
    if (term < 0) continue;
    const weight = vector.weights[i] as number;
    const end = start[term + 1] as number;
    for (let p = start[term] as number; p < end; p++) {
      const doc = docs[p] as number;
      if (sums[doc] === 0) touched[count++] = doc;
      sums[doc] = (sums[doc] as number) + weight * (weights[p] as number);
    }
  }
  return count;
}

/**
 * Every candidate sharing a term with a vector, with its score as match lists hold it (see
 * matchScore), in no particular order: what a profile with feedback adds up, read once per pool
 * and stated interest instead of walking the postings again for every profile stating it.
 */
export interface MatchRow {
  readonly docs: Int32Array;
  readonly scores: Float32Array;
}

/** The match row of `vector`. */
export function buildMatchRow(vector: SparseVector, postings: PoolPostings, scratch: MatchScratch): MatchRow {
  const { sums, touched } = scratch;
  const count = sumMatches(vector, postings, scratch);
  const docs = touched.slice(0, count);
  const scores = new Float32Array(count);
  for (let t = 0; t < count; t++) {
    const doc = docs[t] as number;
    scores[t] = matchScore(sums[doc] as number);
    sums[doc] = 0;
  }
  return { docs, scores };
}

/** The match list of `vector` down to `cut`. */
export function buildMatchList(
  vector: SparseVector,
  postings: PoolPostings,
  scratch: MatchScratch,
  cut: number,
): MatchList {
  const { sums, touched } = scratch;
  const count = sumMatches(vector, postings, scratch);
  let kept = 0;
  for (let t = 0; t < count; t++) {
    const doc = touched[t] as number;
    if (matchScore(sums[doc] as number) >= cut) touched[kept++] = doc;
    else sums[doc] = 0;
  }
  return { ...sortedMatches(touched.subarray(0, kept), sums), cut };
}

/** The match list of a vector down to `cut`, from its match row (the same list buildMatchList makes). */
export function matchListOfRow(row: MatchRow, scratch: MatchScratch, cut: number): MatchList {
  const { sums, touched } = scratch;
  let kept = 0;
  for (let t = 0; t < row.docs.length; t++) {
    const score = row.scores[t] as number;
    if (!(score >= cut)) continue;
    const doc = row.docs[t] as number;
    touched[kept++] = doc;
    sums[doc] = score;
  }
  return { ...sortedMatches(touched.subarray(0, kept), sums), cut };
}

/** Up to 2^22 candidates: a candidate index fits in the low 22 bits of a sort key. */
const DOC_BITS = 2 ** 22;
const ONE_BITS = 0x3f800000; // the bits of 1 as a float32
const bitsOf = new Int32Array(1);
const floatOf = new Float32Array(bitsOf.buffer);

/**
 * The touched candidates ordered by score (rounded to float32, at most 1: a cosine above 1 is
 * rounding noise) descending, then candidate ascending; resets their sums. Each pair becomes one
 * integer key, (ONE_BITS − score bits) · 2^22 + candidate (positive float32 bits order like the
 * floats, and the key stays below 2^53), so a native numeric sort replaces a comparator sort.
 */
function sortedMatches(touched: Int32Array, sums: Float64Array): { docs: Int32Array; scores: Float32Array } {
  const count = touched.length;
  if (sums.length > DOC_BITS) return comparedMatches(touched, sums);
  const keys = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const doc = touched[t] as number;
    floatOf[0] = Math.min(1, sums[doc] as number);
    keys[t] = (ONE_BITS - (bitsOf[0] as number)) * DOC_BITS + doc;
    sums[doc] = 0;
  }
  keys.sort();
  const docs = new Int32Array(count);
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number;
    const doc = key % DOC_BITS;
    bitsOf[0] = ONE_BITS - (key - doc) / DOC_BITS;
    docs[i] = doc;
    scores[i] = floatOf[0] as number;
  }
  return { docs, scores };
}

/** The same order as sortedMatches, for pools too large for its keys. */
function comparedMatches(
  touched: Int32Array,
  sums: Float64Array,
): { docs: Int32Array; scores: Float32Array } {
  const scoreOf = (doc: number): number => matchScore(sums[doc] as number);
  const docs = Int32Array.from(touched).sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
  const scores = Float32Array.from(docs, scoreOf);
  for (const doc of docs) sums[doc] = 0;
  return { docs, scores };
}
