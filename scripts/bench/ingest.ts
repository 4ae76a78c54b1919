import { performance } from "node:perf_hooks";
import { Corpus } from "../../src/core/corpus/corpus.js";
import type { Paper } from "../../src/core/paper.js";
import { CORPUS_VERSION } from "../../src/core/state/types.js";

export interface IngestBenchOptions {
  /** Papers already stored. */
  corpusSize: number;
  /** Papers the ingestion brings that the corpus does not hold. */
  newPapers: number;
}

const WORDS = (
  "transformer attention diffusion retrieval graph reinforcement policy language model vision " +
  "contrastive benchmark agent reasoning alignment sparse quantization federated robust causal"
).split(" ");

/**
 * Time to store `newPapers` fresh papers in a corpus of `corpusSize` (Corpus.upsert only; network
 * and parsing excluded). Papers are synthetic but shaped like real ones; the result is deterministic.
 */
export async function benchIngest(options: IngestBenchOptions): Promise<{ ingestMs: number }> {
  const corpus = Corpus.fromDocument({
    version: CORPUS_VERSION,
    papers: Array.from({ length: options.corpusSize }, (_, index) => syntheticPaper(index)),
  });
  const incoming = Array.from({ length: options.newPapers }, (_, index) =>
    syntheticPaper(options.corpusSize + index),
  );

  const started = performance.now();
  const result = corpus.upsert(incoming);
  const ingestMs = performance.now() - started;

  if (result.added.length !== options.newPapers) {
    throw new Error(`expected ${options.newPapers} new papers, stored ${result.added.length}`);
  }
  return { ingestMs };
}

function syntheticPaper(index: number): Paper {
  const id = `${2400 + Math.floor(index / 99_999)}.${String(index % 99_999).padStart(5, "0")}`;
  const word = (offset: number) => WORDS[(index * 7 + offset) % WORDS.length] ?? "paper";
  return {
    id,
    title: `${word(0)} ${word(1)} for ${word(2)} ${word(3)}`,
    abstract: Array.from({ length: 150 }, (_, offset) => word(offset)).join(" "),
    authors: [`Author ${index % 5_000}`, `Author ${(index * 13) % 5_000}`],
    publishedAt: new Date(Date.UTC(2024, 0, 1) + (index % 365) * 86_400_000).toISOString(),
    url: `https://arxiv.org/abs/${id}`,
    categories: ["cs.LG", index % 2 === 0 ? "cs.CL" : "cs.CV"],
    sources: ["arxiv"],
  };
}
