import type { DocumentRows } from "./posting-lists.js";

/** Collects per-document term rows in growable typed arrays (far lighter than arrays of objects). */
export class RowBuilder {
  private terms: Int32Array;
  private weights: Float32Array;
  private start: Int32Array;
  private length = 0;
  private rows = 0;

  constructor(expectedRows: number) {
    this.start = new Int32Array(expectedRows + 1);
    this.terms = new Int32Array(Math.max(1024, expectedRows * 96));
    this.weights = new Float32Array(this.terms.length);
  }

  push(term: number, weight: number): void {
    if (this.length === this.terms.length) {
      // Grown by half, not doubled: these rows and the postings built from them are the peak of memory.
      const capacity = Math.ceil(this.terms.length * 1.5);
      const terms = new Int32Array(capacity);
      terms.set(this.terms);
      this.terms = terms;
      const weights = new Float32Array(capacity);
      weights.set(this.weights);
      this.weights = weights;
    }
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
  }

  finish(firstDoc = 0): DocumentRows {
    return {
      firstDoc,
      count: this.rows,
      start: this.start,
      terms: this.terms.subarray(0, this.length),
      weights: this.weights.subarray(0, this.length),
    };
  }
}
