import type { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import { DeadlineExceededError, RateLimitedError } from "./errors.js";
import type { PaperSource } from "./port.js";

export interface IngestOptions {
  date?: string;
  categories: string[];
  log: Logger;
  /** One line per source as it completes, e.g. `hf: 3 fetched, 2 new, 1 merged, 0 skipped`. */
  onProgress?(line: string): void;
  signal?: AbortSignal;
  /**
   * When the next scheduled ingest starts, for the line of a source that gave up for this run
   * (deadline, long Retry-After); without it the line says "at the next scheduled ingest".
   */
  nextRunAt?(): Date | undefined;
}

export interface IngestSummary {
  fetched: number;
  /** Papers the corpus did not hold before, as stored after every source ran. */
  added: Paper[];
  /** Papers it held that gained something (a source, upvotes, a longer abstract). */
  merged: Paper[];
  skipped: number;
  failures: { source: string; message: string }[];
}

type Outcome = { papers: Paper[] } | { error: unknown };

/**
 * Fetches every source at once and stores their papers in the given order. A source that fails
 * (network, refusal, malformed payload, its run's deadline) is reported in `failures` and logged
 * as one warn line, its stack only at debug level; it leaves the corpus untouched and the others
 * still run. Persisting the corpus and indexing the papers are the caller's job.
 */
export async function ingest(
  sources: PaperSource[],
  corpus: Corpus,
  options: IngestOptions,
): Promise<IngestSummary> {
  const { date, categories, signal, log } = options;
  // Started inside a promise, so even a source that throws before its first await fails alone.
  const pending = sources.map((source) =>
    Promise.resolve()
      .then(() => source.fetch({ date, categories, signal }))
      .then(
        (papers): Outcome => ({ papers }),
        (error: unknown): Outcome => ({ error }),
      ),
  );

  const addedIds = new Set<string>();
  const mergedIds = new Set<string>();
  const summary: IngestSummary = { fetched: 0, added: [], merged: [], skipped: 0, failures: [] };
  for (const [index, source] of sources.entries()) {
    let outcome = await pending[index];
    if (outcome && !("error" in outcome)) outcome = await withStored(corpus, outcome);
    if (!outcome || "error" in outcome) {
      const error = outcome?.error;
      const message = describeError(error);
      summary.failures.push({ source: source.name, message });
      const deferred = gaveUpForThisRun(error);
      const line = deferred
        ? `${source.name}: ${message}; next try ${nextTry(options.nextRunAt?.())}`
        : `${source.name}: ingestion failed: ${message}`;
      // One line an operator can read at a glance; the stack is for whoever asks for debug logs.
      log.warn({ source: source.name, err: message }, line);
      log.debug({ source: source.name, err: error }, `${source.name}: failure in detail`);
      options.onProgress?.(deferred ? line : `${source.name}: failed: ${message}`);
      continue;
    }
    const result = corpus.upsert(outcome.papers);
    summary.fetched += outcome.papers.length;
    summary.skipped += result.skipped;
    for (const paper of result.added) addedIds.add(paper.id);
    for (const paper of result.merged) if (!addedIds.has(paper.id)) mergedIds.add(paper.id);
    const line =
      `${source.name}: ${outcome.papers.length} fetched, ${result.added.length} new, ` +
      `${result.merged.length} merged, ${result.skipped} skipped`;
    log.info({ source: source.name, fetched: outcome.papers.length }, line);
    options.onProgress?.(line);
  }
  summary.added = pickAll(corpus, addedIds);
  summary.merged = pickAll(corpus, mergedIds);
  return summary;
}

/** Brings the stored versions of a source's papers into the corpus; a store that cannot answer fails that source alone. */
async function withStored(corpus: Corpus, outcome: { papers: Paper[] }): Promise<Outcome> {
  try {
    await corpus.load(outcome.papers.map((paper) => paper.id));
    return outcome;
  } catch (error) {
    return { error: new Error(`could not read the stored papers: ${describeError(error)}`) };
  }
}

function pickAll(corpus: Corpus, ids: Set<string>): Paper[] {
  return [...ids].map((id) => corpus.get(id)).filter((paper) => paper !== undefined);
}

/** Failures that say nothing is wrong with the source itself, only that this run ran out of time. */
function gaveUpForThisRun(error: unknown): boolean {
  return error instanceof DeadlineExceededError || error instanceof RateLimitedError;
}

/** `at the next scheduled ingest (2026-12-07 06:00 UTC)`, in UTC whatever the schedule's zone. */
function nextTry(at: Date | undefined): string {
  const when = at === undefined ? "" : ` (${at.toISOString().slice(0, 16).replace("T", " ")} UTC)`;
  return `at the next scheduled ingest${when}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return `unexpected failure: ${String(error)}`;
}
