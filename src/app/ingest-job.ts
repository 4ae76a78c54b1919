import type { Logger } from "../core/log.js";
import { ingest } from "../sources/ingest.js";
import type { PaperSource } from "../sources/port.js";
import type { App } from "./open-app.js";

/** The job name under which one instance at a time ingests. */
export const INGEST_JOB = "ingest";

/**
 * The daily ingestion: fetch from every source, then store and index what changed. Searches keep
 * answering while sources are fetched; only the final index update is synchronous. Among instances
 * sharing a store, the one that takes the ingest job runs it; the others learn of the new papers
 * from the store (see syncPapers).
 */
export function createIngestJob(app: App, sources: PaperSource[], categories: string[], log: Logger) {
  return async (): Promise<void> => {
    const hold = await app.store.jobs.tryHold(INGEST_JOB);
    if (!hold) {
      log.info("another instance is ingesting: its papers arrive through the store");
      return;
    }
    try {
      await ingestHeld(app, sources, categories, log);
    } finally {
      await hold.release();
    }
  };
}

async function ingestHeld(app: App, sources: PaperSource[], categories: string[], log: Logger) {
  const summary = await ingest(sources, app.corpus, { categories, log });
  const changed = [...summary.added, ...summary.merged];
  if (changed.length > 0) await app.savePapers(changed);
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
}
