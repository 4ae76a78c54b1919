/**
 * A term of a paper and how often it occurs there, packed into one uint32 (`term × 256 + count`):
 * how counted rows, postings' counts and sketches keep them, at a quarter of a term id and a float.
 * Counts are whole (a title word counts `titleWeight` times) and stop at MAX_COUNT, where 1 + ln(tf)
 * hardly grows any more.
 */
export const MAX_COUNT = 255;
/** Term ids must fit in the 24 bits above the count. */
export const MAX_TERMS = 2 ** 24;

export function packEntry(term: number, count: number): number {
  return term * 256 + Math.min(MAX_COUNT, count);
}

export function entryTerm(entry: number): number {
  return entry >>> 8;
}

export function entryCount(entry: number): number {
  return entry & MAX_COUNT;
}

/** The entry with `more` added to its count, stopping at MAX_COUNT. */
export function addToEntry(entry: number, more: number): number {
  return packEntry(entryTerm(entry), entryCount(entry) + more);
}

/** A count as entries and postings keep it: whole, at most MAX_COUNT. */
export function storedCount(count: number): number {
  return Math.min(MAX_COUNT, Math.round(count));
}
