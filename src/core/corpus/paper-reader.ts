import type { Paper } from "../paper.js";
import type { PaperRecords } from "../store/port.js";

/**
 * What a one-shot command reads papers through, without holding them all: by id, how many there
 * are, and a page at a time what the search index reads of them. The store's papers, or papers in
 * memory (see paperReaderOf).
 */
export type PaperReader = Pick<PaperRecords, "get" | "count" | "indexedPages">;

/** Papers in memory read as a PaperReader (the bundled demo corpus before anything is stored, a corpus file). */
export function paperReaderOf(papers: readonly Paper[]): PaperReader {
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const all = [...byId.values()];
  return {
    get: async (ids) => [...new Set(ids)].flatMap((id) => byId.get(id) ?? []),
    count: async () => all.length,
    async *indexedPages(size) {
      for (let from = 0; from < all.length; from += size) yield all.slice(from, from + size);
    },
  };
}
