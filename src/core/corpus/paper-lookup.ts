import type { Paper } from "../paper.js";
import type { PaperRecords } from "../store/port.js";

/** Papers by id and how many there are: what a command that shows one paper reads, of the store or of papers in memory. */
export type PaperLookup = Pick<PaperRecords, "get" | "count">;

/** Papers in memory read as a PaperLookup (the bundled demo corpus before anything is stored). */
export function paperLookupOf(papers: readonly Paper[]): PaperLookup {
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  return {
    get: async (ids) => [...new Set(ids)].flatMap((id) => byId.get(id) ?? []),
    count: async () => byId.size,
  };
}
