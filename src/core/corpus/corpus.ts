import type { Paper } from "../paper.js";
import { isSamePaper, mergePaper } from "./merge.js";

/** What an upsert changed. A paper added and then merged within the same call counts as added. */
export interface UpsertResult {
  added: Paper[];
  merged: Paper[];
  /** Papers that brought nothing the corpus did not already hold. */
  skipped: number;
}

/**
 * Known papers, once per id, into which new ones are merged. Stored papers are never mutated: a
 * merge stores a new object, so a reader holding an older reference keeps a consistent record.
 * With `stored`, a corpus starts empty and `load` brings in the stored versions of the papers about
 * to be upserted (an ingest run merges into what the store holds without reading all of it).
 */
export class Corpus {
  private readonly papers = new Map<string, Paper>();

  constructor(private readonly stored?: (ids: readonly string[]) => Promise<Paper[]>) {}

  /** Brings in the stored versions of these ids not held yet (none without `stored`). */
  async load(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.papers.has(id));
    if (!this.stored || missing.length === 0) return;
    for (const paper of await this.stored(missing))
      if (!this.papers.has(paper.id)) this.papers.set(paper.id, paper);
  }

  get size(): number {
    return this.papers.size;
  }

  get(id: string): Paper | undefined {
    return this.papers.get(id);
  }

  /** All papers, in the order they were first stored. */
  all(): Paper[] {
    return [...this.papers.values()];
  }

  /**
   * Adds new papers and merges known ones (see mergePaper).
   *
   * @example corpus.upsert(await source.fetch({ categories: ["cs.LG"] })).added.length
   */
  upsert(papers: Iterable<Paper>): UpsertResult {
    const addedIds = new Set<string>();
    const mergedIds = new Set<string>();
    let skipped = 0;
    for (const incoming of papers) {
      const existing = this.papers.get(incoming.id);
      if (!existing) {
        this.papers.set(incoming.id, incoming);
        addedIds.add(incoming.id);
        continue;
      }
      const merged = mergePaper(existing, incoming);
      if (isSamePaper(merged, existing)) {
        skipped++;
        continue;
      }
      this.papers.set(incoming.id, merged);
      if (!addedIds.has(incoming.id)) mergedIds.add(incoming.id);
    }
    return { added: this.pick(addedIds), merged: this.pick(mergedIds), skipped };
  }

  private pick(ids: Set<string>): Paper[] {
    return [...ids].map((id) => this.papers.get(id)).filter((paper) => paper !== undefined);
  }
}
