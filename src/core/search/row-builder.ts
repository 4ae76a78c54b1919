import type { DocumentRows } from "./posting-lists.js";

/**
 * Collects per-document term rows in growable typed arrays (far lighter than arrays of objects).
 * `add` merges repeats of a term within the row being built, so a document's terms are counted
 * straight into its row, in first-seen order, with no per-document scratch table. With `shared`,
 * terms and weights live in shared memory, so that another thread can invert them in place.
 */
export class RowBuilder {
  private terms: Int32Array;
  private weights: Float32Array;
  private start: Int32Array;
  /** Per term, where it was last written in `terms`: inside the current row means "seen already". */
  private lastAt = new Int32Array(1 << 14).fill(-1);
  /** Per term, how many rows hold it. */
  private frequencies = new Int32Array(1 << 14);
  private length = 0;
  private rows = 0;
  private rowStart = 0;

  /** `room`, when given, is where the weights are written (as long as they fit); it sets the capacity. */
  constructor(
    expectedRows: number,
    expectedEntries = expectedRows * 96,
    private readonly shared = false,
    room?: Float32Array,
  ) {
    this.start = new Int32Array(expectedRows + 1);
    const capacity = room?.length ?? Math.max(1024, expectedEntries);
    this.terms = new Int32Array(this.memory(capacity * 4));
    this.weights = room ?? new Float32Array(this.memory(capacity * 4));
  }

  /** Adds `weight` to `term` in the current row. */
  add(term: number, weight: number): void {
    if (term >= this.lastAt.length) this.growLastAt(term);
    const at = this.lastAt[term] as number;
    if (at >= this.rowStart) {
      this.weights[at] = (this.weights[at] as number) + weight;
      return;
    }
    if (this.length === this.terms.length) this.growEntries();
    this.lastAt[term] = this.length;
    this.frequencies[term] = (this.frequencies[term] as number) + 1;
    this.terms[this.length] = term;
    this.weights[this.length++] = weight;
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
      terms: this.terms.subarray(0, this.length),
      weights: this.weights.subarray(0, this.length),
      frequencies: this.frequencies,
    };
  }

  private growEntries(): void {
    // Grown by a quarter, not doubled: these rows and the postings built from them are the peak of memory.
    const capacity = Math.max(1024, Math.ceil(this.terms.length * 1.25));
    const terms = new Int32Array(this.memory(capacity * 4));
    terms.set(this.terms);
    this.terms = terms;
    const weights = new Float32Array(this.memory(capacity * 4));
    weights.set(this.weights);
    this.weights = weights;
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
