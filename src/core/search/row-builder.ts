import type { DocumentRows } from "./posting-lists.js";
import { addToEntry, MAX_TERMS, packEntry } from "./term-entry.js";

/**
 * Collects per-document term rows in a growable typed array of packed entries (see term-entry),
 * far lighter than arrays of objects. `add` merges repeats of a term within the row being built,
 * so a document's terms are counted straight into its row, in first-seen order, with no
 * per-document scratch table. With `shared`, the entries live in shared memory, so that another
 * thread can invert them in place.
 */
export class RowBuilder {
  private entries: Uint32Array;
  private start: Int32Array;
  /** Per term, where it was last written in `entries`: inside the current row means "seen already". */
  private lastAt = new Int32Array(1 << 14).fill(-1);
  /** Per term, how many rows hold it. */
  private frequencies = new Int32Array(1 << 14);
  private length = 0;
  private rows = 0;
  private rowStart = 0;

  constructor(
    expectedRows: number,
    expectedEntries = expectedRows * 96,
    private readonly shared = false,
  ) {
    this.start = new Int32Array(expectedRows + 1);
    this.entries = new Uint32Array(this.memory(Math.max(1024, expectedEntries) * 4));
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

  finish(firstDoc = 0): DocumentRows {
    return {
      firstDoc,
      count: this.rows,
      start: this.start,
      entries: this.entries.subarray(0, this.length),
      frequencies: this.frequencies,
    };
  }

  private growEntries(): void {
    // Grown by a quarter, not doubled: these rows and the postings built from them are the peak of memory.
    const entries = new Uint32Array(this.memory(Math.max(1024, Math.ceil(this.entries.length * 1.25)) * 4));
    entries.set(this.entries);
    this.entries = entries;
  }

  private memory(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
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
