import { performance } from "node:perf_hooks";
import { Corpus } from "../../src/core/corpus/corpus.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { syntheticCorpus } from "./synthetic-corpus.js";

export interface IngestBenchOptions {
  /** Papers already stored and indexed. */
  corpusSize: number;
  /** Papers the ingestion brings that the corpus does not hold. */
  newPapers: number;
}

/**
 * Time to take `newPapers` fresh papers into a corpus and index of `corpusSize` and make them
 * searchable: Corpus.upsert (dedupe and merge) plus the incremental index update, network and
 * parsing excluded. Building the starting index is not timed.
 */
export async function benchIngest(
  options: IngestBenchOptions,
): Promise<{ ingestMs: number; ingestUpsertMs: number }> {
  const papers = syntheticCorpus(options.corpusSize + options.newPapers, 11);
  const stored = papers.slice(0, options.corpusSize);
  const incoming = papers.slice(options.corpusSize);
  const corpus = new Corpus();
  corpus.upsert(stored);
  const index = TfIdfIndex.build(stored);

  const started = performance.now();
  const result = corpus.upsert(incoming);
  const upserted = performance.now();
  index.add(result.added);
  const ingestMs = performance.now() - started;

  const probe = incoming.at(-1);
  if (result.added.length !== options.newPapers || !probe || !index.has(probe.id)) {
    throw new Error(`expected ${options.newPapers} new searchable papers, got ${result.added.length}`);
  }
  return { ingestMs, ingestUpsertMs: upserted - started };
}
