import type { SparseVector } from "./sparse.js";

/**
 * The vectors of the papers used most recently, least recently used dropped first. Feedback
 * re-reads the top hits of every query, and paging through `/find` re-runs the same query, so the
 * same few papers come back often; tokenising them again costs more than the ranking itself.
 * A vector depends on the idf of the moment: `clear` whenever papers are added or removed.
 */
export class PaperVectorCache {
  private readonly entries = new Map<number, SparseVector>();

  constructor(readonly capacity: number) {}

  /** The cached vector of `doc`, or `compute(doc)` remembered for next time. */
  get(doc: number, compute: (doc: number) => SparseVector): SparseVector {
    const cached = this.entries.get(doc);
    if (cached !== undefined) {
      // Re-inserted so that Map order stays least recently used first.
      this.entries.delete(doc);
      this.entries.set(doc, cached);
      return cached;
    }
    const vector = compute(doc);
    if (this.capacity <= 0) return vector;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(doc, vector);
    return vector;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
