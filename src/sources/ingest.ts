import type { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import type { PaperSource } from "./port.js";

export interface IngestOptions {
  date?: string;
  categories: string[];
  log: Logger;
  /** One line per source as it completes, e.g. `hf: 3 fetched, 2 new, 1 merged, 0 skipped`. */
  onProgress?(line: string): void;
  signal?: AbortSignal;
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
 * (network, refusal, malformed payload) is reported in `failures` and leaves the corpus untouched;
 * the others still run. Persisting the corpus and indexing the papers are the caller's job.
 */
export async function ingest(
  sources: PaperSource[],
  corpus: Corpus,
  options: IngestOptions,
): Promise<IngestSummary> {
  const { date, categories, signal, log } = options;
  const pending = sources.map((source) =>
    source.fetch({ date, categories, signal }).then(
      (papers): Outcome => ({ papers }),
      (error: unknown): Outcome => ({ error }),
    ),
  );

  const addedIds = new Set<string>();
  const mergedIds = new Set<string>();
  const summary: IngestSummary = { fetched: 0, added: [], merged: [], skipped: 0, failures: [] };
  for (const [index, source] of sources.entries()) {
    const outcome = await pending[index];
    if (!outcome || "error" in outcome) {
      const message = describeError(outcome?.error);
      summary.failures.push({ source: source.name, message });
      log.error({ source: source.name, err: outcome?.error }, `${source.name}: ingestion failed: ${message}`);
      options.onProgress?.(`${source.name}: failed: ${message}`);
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

function pickAll(corpus: Corpus, ids: Set<string>): Paper[] {
  return [...ids].map((id) => corpus.get(id)).filter((paper) => paper !== undefined);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return `unexpected failure: ${String(error)}`;
}
