import type { Paper } from "../../core/paper.js";
import { publishedInstant } from "../../core/store/published-instant.js";

/** What `PaperRecords.sourceSummary` answers for one source. */
export interface SourceShelf {
  source: string;
  papers: number;
  newest?: string;
}

/**
 * Per source, the papers listing it (a source listed twice by one paper counts it once) and the
 * `publishedAt` of the one published last, compared as instants; of papers published at the same
 * instant, the first in `papers` (first stored) is kept. Sources in code-unit order.
 */
export function sourceSummaryOf(papers: readonly Paper[]): SourceShelf[] {
  const shelves = new Map<string, { papers: number; newest?: string; newestMs?: number }>();
  for (const paper of papers) {
    const ms = publishedInstant(paper.publishedAt);
    for (const source of new Set<string>(paper.sources)) {
      let shelf = shelves.get(source);
      if (!shelf) shelves.set(source, (shelf = { papers: 0 }));
      shelf.papers += 1;
      if (ms !== undefined && (shelf.newestMs === undefined || ms > shelf.newestMs)) {
        shelf.newestMs = ms;
        shelf.newest = paper.publishedAt;
      }
    }
  }
  return [...shelves]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([source, { papers: count, newest }]) =>
      newest === undefined ? { source, papers: count } : { source, papers: count, newest },
    );
}
