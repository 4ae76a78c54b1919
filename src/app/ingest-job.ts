import { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { IngestRun } from "../core/records.js";
import { NO_TELEMETRY, type Telemetry } from "../core/telemetry.js";
import { ingest } from "../sources/ingest.js";
import type { PaperSource } from "../sources/port.js";
import type { App } from "./open-app.js";
import { ingestRunsOf, watchSources } from "./source-runs.js";
import { errorMessage } from "../core/error-message.js";

/** The job name under which one instance at a time ingests. */
export const INGEST_JOB = "ingest";

/** What the scheduler knows of the job's schedule. */
export interface IngestSchedule {
  /** When the job runs next, to tell when a source that gave up for this run is tried again. */
  nextRunAt(): Date | undefined;
}

/**
 * The daily ingestion: fetch from every source, then store and index what changed. Searches keep
 * answering while sources are fetched; only the final index update is synchronous. Each source's
 * run is bounded by its own deadline (INGEST_TIMEOUT, see createPaperSources), so a stuck source
 * fails alone and the others' papers still land. Among instances sharing a store, the one that
 * takes the ingest job runs it; the others learn of the new papers from the store (see syncPapers).
 * Each source's run (failed or not, and the papers it added) is told to `telemetry` too.
 */
export function createIngestJob(
  app: App,
  sources: PaperSource[],
  categories: string[],
  log: Logger,
  telemetry: Telemetry = NO_TELEMETRY,
) {
  return async (schedule?: IngestSchedule): Promise<void> => {
    const hold = await app.store.jobs.tryHold(INGEST_JOB);
    if (!hold) {
      log.info("another instance is ingesting: its papers arrive through the store");
      return;
    }
    try {
      await ingestHeld(app, sources, categories, log, schedule, telemetry);
    } finally {
      await hold.release();
    }
  };
}

async function ingestHeld(
  app: App,
  sources: PaperSource[],
  categories: string[],
  log: Logger,
  schedule: IngestSchedule | undefined,
  telemetry: Telemetry,
) {
  const watched = watchSources(sources);
  const nextRunAt = schedule && (() => schedule.nextRunAt());
  // Merged into what the store holds of the papers fetched, read as each source answers.
  const summary = await ingest(watched.sources, new Corpus((ids) => app.store.papers.get(ids)), {
    categories,
    log,
    ...(nextRunAt && { nextRunAt }),
  });
  const changed = [...summary.added, ...summary.merged];
  let storeError: unknown;
  try {
    if (changed.length > 0) await app.savePapers(changed);
  } catch (error) {
    storeError = error;
  }
  const failed =
    storeError === undefined ? undefined : `could not store the papers: ${errorMessage(storeError)}`;
  const runs = ingestRunsOf(watched, summary, new Date(), failed);
  for (const run of runs) telemetry.ingestRun(run.source, { ok: run.error === undefined, added: run.added });
  await recordRuns(app, runs, log);
  if (storeError !== undefined) throw storeError;
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

/** What /status shows of this run. Not being able to record it must not fail the ingestion. */
async function recordRuns(app: App, runs: readonly IngestRun[], log: Logger): Promise<void> {
  for (const run of runs) {
    try {
      await app.store.ingestRuns.record(run);
    } catch (error) {
      log.warn({ err: error, source: run.source }, `${run.source}: could not record the ingest run`);
    }
  }
}
