import type { Logger } from "../core/log.js";
import { ingest } from "../sources/ingest.js";
import type { PaperSource } from "../sources/port.js";
import type { App } from "./open-app.js";

/**
 * The daily ingestion: fetch from every source, then save the corpus and index what changed.
 * Searches keep answering while sources are fetched; only the final index update is synchronous.
 */
export function createIngestJob(app: App, sources: PaperSource[], categories: string[], log: Logger) {
  return async (): Promise<void> => {
    const summary = await ingest(sources, app.corpus, { categories, log });
    const changed = [...summary.added, ...summary.merged];
    if (changed.length > 0) {
      // Indexed first: the corpus in memory already holds them, so a failed save must not leave
      // them unsearchable (the next change saves them).
      app.addToIndex(changed);
      await app.saveCorpus();
    }
    log.info(
      {
        fetched: summary.fetched,
        added: summary.added.length,
        merged: summary.merged.length,
        skipped: summary.skipped,
        failedSources: summary.failures.map((failure) => failure.source),
      },
      "ingestion finished",
    );
  };
}
