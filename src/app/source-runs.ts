import type { IngestRun } from "../core/records.js";
import type { IngestSummary } from "../sources/ingest.js";
import type { PaperSource } from "../sources/port.js";

/** Sources that remember the ids of the papers each one fetched, by source name. */
export interface WatchedSources {
  sources: PaperSource[];
  fetched: ReadonlyMap<string, readonly string[]>;
}

/**
 * Wraps each source so that what it fetched is remembered: the ingest summary tells what the run
 * added and merged over all sources, and these ids tell which source brought which paper.
 */
export function watchSources(sources: readonly PaperSource[]): WatchedSources {
  const fetched = new Map<string, string[]>();
  const watched = sources.map((source): PaperSource => ({
    name: source.name,
    fetch: async (options) => {
      const papers = await source.fetch(options);
      fetched.set(
        source.name,
        papers.map((paper) => paper.id),
      );
      return papers;
    },
  }));
  return { sources: watched, fetched };
}

/**
 * One run per source, in the sources' order, ended at `at`. A paper the corpus did not hold counts
 * as added by the first source (in the order they were stored) that brought it, and as merged by
 * any later one that brought it too; a paper the run changed counts as merged by each source that
 * brought it. A source that failed, or every source when `storeError` says the papers could not be
 * stored, carries the error.
 */
export function ingestRunsOf(
  watched: WatchedSources,
  summary: IngestSummary,
  at: Date,
  storeError?: string,
): IngestRun[] {
  const failures = new Map(summary.failures.map((failure) => [failure.source, failure.message]));
  const added = new Set(summary.added.map((paper) => paper.id));
  const merged = new Set(summary.merged.map((paper) => paper.id));
  const credited = new Set<string>();
  return watched.sources.map(({ name }) => {
    const run: IngestRun = { source: name, at: at.toISOString(), added: 0, merged: 0 };
    const error = failures.get(name) ?? storeError;
    if (error !== undefined) run.error = error;
    if (failures.has(name)) return run;
    for (const id of new Set(watched.fetched.get(name))) {
      if (added.has(id) && !credited.has(id)) {
        credited.add(id);
        run.added += 1;
      } else if (added.has(id) || merged.has(id)) run.merged += 1;
    }
    return run;
  });
}
