import type { DocumentRows } from "./posting-lists.js";
import { addToEntry, MAX_TERMS, packEntry } from "./term-entry.js";

/** Room reserved for entries beyond those expected: address space, taken as memory only once written. */
const RESERVE_FACTOR = 4;

/**
 * Collects per-document term rows in a growable typed array of packed entries (see term-entry),
 * far lighter than arrays of objects. `add` merges repeats of a term within the row being built,
 * so a document's terms are counted straight into its row, in first-seen order, with no
 * per-document scratch table. The entries are in a resizable buffer: they grow in place, and the
 * postings filled from them give back their memory as they read them (see fillPostings).
 */
export class RowBuilder {
  private entries: Uint32Array<ArrayBuffer>;
  private start: Int32Array;
  /** Per term, where it was last written in `entries`: inside the current row means "seen already". */
  private lastAt = new Int32Array(1 << 14).fill(-1);
  /** Per term, how many rows hold it. */
  private frequencies = new Int32Array(1 << 14);
  private length = 0;
  private rows = 0;
  private rowStart = 0;

  constructor(expectedRows: number, expectedEntries = expectedRows * 96) {
    this.start = new Int32Array(expectedRows + 1);
    this.entries = resizableEntries(Math.max(1024, expectedEntries));
  }

  /** Adds `count` (a whole number) to `term` in the current row. */
  add(term: number, count: number): void {
    if (term >= this.lastAt.length) this.growLastAt(term);
    const at = this.lastAt[term] as number;
    if (at >= this.rowStart) {
      this.entries[at] = addToEntry(this.entries[at] as number, count);
      return;
    }
    if (term >= MAX_TERMS) throw new RangeError(`An index holds at most ${MAX_TERMS} distinct terms.`);
    if (this.length === this.entries.length) this.growEntries();
    this.lastAt[term] = this.length;
    this.frequencies[term] = (this.frequencies[term] as number) + 1;
    this.entries[this.length++] = packEntry(term, count);
  }

  endRow(): void {
    if (this.rows + 1 >= this.start.length) {
      const start = new Int32Array(this.start.length * 2);
      start.set(this.start);
      this.start = start;
    }
    this.start[++this.rows] = this.length;
    this.rowStart = this.length;
  }

  /** The rows, their buffer cut to the entries written: no more may be added. */
  finish(firstDoc = 0): DocumentRows {
    this.entries.buffer.resize(this.length * Uint32Array.BYTES_PER_ELEMENT);
    return {
      firstDoc,
      count: this.rows,
      start: this.start,
      entries: this.entries,
      frequencies: this.frequencies,
    };
  }

  /** Grows in place while the reserved room lasts, else moves to a larger buffer. */
  private growEntries(): void {
    const buffer = this.entries.buffer;
    const bytes = this.entries.length * 2 * Uint32Array.BYTES_PER_ELEMENT;
    if (bytes <= buffer.maxByteLength) {
      buffer.resize(bytes);
      return;
    }
    const entries = resizableEntries(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }

  private growLastAt(term: number): void {
    const size = Math.max(term + 1, this.lastAt.length * 2);
    const lastAt = new Int32Array(size).fill(-1);
    lastAt.set(this.lastAt);
    this.lastAt = lastAt;
    const frequencies = new Int32Array(size);
    frequencies.set(this.frequencies);
    this.frequencies = frequencies;
  }
}

/** `entries` zeroed entries in a resizable buffer with room to grow; the view follows its length. */
function resizableEntries(entries: number): Uint32Array<ArrayBuffer> {
  const bytes = entries * Uint32Array.BYTES_PER_ELEMENT;
  let buffer: ArrayBuffer;
  try {
    buffer = new ArrayBuffer(bytes, { maxByteLength: bytes * RESERVE_FACTOR });
  } catch {
    // Address space refused (a tight limit on it): no room to grow in place, moves instead.
    buffer = new ArrayBuffer(bytes, { maxByteLength: bytes });
  }
  return new Uint32Array(buffer);
}
