/**
 * `/find` benchmark: index build time, query latency and peak memory of paperboy's index and of
 * minisearch, each engine in its own child process so neither's memory counts against the other,
 * both compiled to JavaScript as the product runs in production.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import MiniSearch from "minisearch";
import type { Paper } from "../../src/core/paper.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { compileChild } from "./compiled-child.js";
import { settle } from "./settle.js";
import { PAGE_SIZE, type PaperPages, pagesOf } from "../../src/core/search/count-pages.js";
import { benchQueries, sourcePapers, syntheticCorpus, syntheticPapers } from "./synthetic-corpus.js";

/**
 * paperboy reading its corpus a page at a time, as from its store; paperboy given the papers already
 * in memory, as the files store holds them and as the index was built before it let go of paper
 * text; and minisearch.
 */
export type Engine = "paperboy" | "inMemory" | "minisearch";

export interface SearchBenchOptions {
  /** Synthetic corpus size (ignored when `corpus` is given). */
  papers: number;
  /** A TSV of `id<TAB>title<TAB>abstract` lines. */
  corpus?: string;
  queries: number;
  engines: Engine[];
}

export interface EngineFigures {
  papers: number;
  /** paperboy's: reading the pages alone (making them, here), a part of `buildMs`. */
  readMs?: number;
  /**
   * inMemory's: making every paper before the build, not part of `buildMs`. What holding the whole
   * corpus costs before an index can be built of it, as it did before the index let go of paper text.
   */
  loadMs?: number;
  buildMs: number;
  buildCpuMs: number;
  findP50Ms: number;
  findP95Ms: number;
  /** Highest resident memory of the process, building included. */
  peakRssMb: number;
  /** Resident memory once built and queried, after a garbage collection: what an instance keeps. */
  steadyRssMb: number;
}

const WARM_UP_QUERIES = 20;
const thisFile = fileURLToPath(import.meta.url);

/**
 * Runs each engine in a child process, compiled as the product runs in production (see
 * compileChild), and returns its figures, prefixed by engine name after the first.
 */
export async function benchSearch(options: SearchBenchOptions): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const child = compileChild(thisFile);
  try {
    for (const engine of options.engines) {
      const measured = await runChild(child.script, engine, options);
      for (const [name, value] of Object.entries(measured)) {
        const key = engine === "paperboy" ? name : `${engine}${name[0]?.toUpperCase()}${name.slice(1)}`;
        figures[key] = value;
      }
    }
  } finally {
    child.remove();
  }
  return figures;
}

async function runChild(script: string, engine: Engine, options: SearchBenchOptions): Promise<EngineFigures> {
  const args = [script, engine, String(options.papers), String(options.queries), options.corpus ?? ""];
  // --expose-gc: the steady figure is taken after a collection, as a long-running instance settles.
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as EngineFigures;
}

/** Papers from a `id<TAB>title<TAB>abstract` TSV (no header); malformed lines name their number. */
export function readCorpusTsv(file: string): Paper[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const [id, title, abstract] = line.split("\t");
      if (!id || title === undefined || abstract === undefined) {
        throw new Error(`${file}:${i + 1}: expected id<TAB>title<TAB>abstract`);
      }
      return { id, title, abstract, authors: [], sources: [] };
    });
}

interface Searcher {
  find(query: string): unknown;
}

/**
 * paperboy's index is built from pages as the product reads them from its store, so that no more
 * than a page of papers is ever in memory, or from `papers` already in memory; minisearch keeps
 * its documents, so it is given them all.
 */
async function buildEngine(engine: Engine, corpus: CorpusSpec, papers: Paper[]): Promise<Searcher> {
  if (engine !== "minisearch") {
    const index =
      engine === "paperboy"
        ? await TfIdfIndex.buildFrom(pagesOfCorpus(corpus))
        : await TfIdfIndex.buildAsync(papers);
    return { find: (query) => index.search(query, { limit: 10 }) };
  }
  const mini = new MiniSearch<Paper>({
    fields: ["title", "abstract"],
    searchOptions: { boost: { title: 2 } },
  });
  mini.addAll(papers);
  return { find: (query) => mini.search(query).slice(0, 10) };
}

async function measure(
  engine: Engine,
  size: number,
  queryCount: number,
  corpus: string,
): Promise<EngineFigures> {
  const sources = sourcePapers();
  const spec: CorpusSpec = { size: corpus ? readCorpusTsv(corpus).length : size, file: corpus, sources };
  // Made before the clock starts, as a store's papers are loaded before an index is built of them.
  const loading = performance.now();
  const papers = engine === "paperboy" ? [] : corpusPapers(spec);
  const loadMs = engine === "inMemory" ? performance.now() - loading : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const searcher = await buildEngine(engine, spec, papers);
  const buildMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const queries = benchQueries(Math.max(100, queryCount), 7, sources);
  for (const query of queries.slice(0, WARM_UP_QUERIES)) searcher.find(query);
  const latencies = queries.map((query) => {
    const t = performance.now();
    searcher.find(query);
    return performance.now() - t;
  });
  latencies.sort((a, b) => a - b);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await settle();
  const steadyRssMb = process.memoryUsage.rss() / 1_048_576;
  // Last: the papers it makes and drops would otherwise count in the memory figures.
  const readMs = engine === "paperboy" ? await timeReading(spec) : undefined;
  return {
    papers: spec.size,
    ...(readMs === undefined ? {} : { readMs }),
    ...(loadMs === undefined ? {} : { loadMs }),
    buildMs,
    buildCpuMs: (cpu.user + cpu.system) / 1000,
    findP50Ms: percentile(latencies, 0.5),
    findP95Ms: percentile(latencies, 0.95),
    peakRssMb,
    steadyRssMb,
  };
}

/** How long reading the pages takes without indexing them: what the build spends on its source. */
async function timeReading(corpus: CorpusSpec): Promise<number> {
  const started = performance.now();
  let papers = 0;
  for await (const page of pagesOfCorpus(corpus).read()) papers += page.length;
  if (papers !== corpus.size) throw new Error(`read ${papers} papers, expected ${corpus.size}`);
  return performance.now() - started;
}

interface CorpusSpec {
  size: number;
  /** A TSV corpus (see readCorpusTsv); the synthetic corpus of `size` papers when absent. */
  file: string | undefined;
  sources: Paper[];
}

function corpusPapers(corpus: CorpusSpec): Paper[] {
  return corpus.file ? readCorpusTsv(corpus.file) : syntheticCorpus(corpus.size, 42, corpus.sources);
}

/** The corpus a page of PAGE_SIZE papers at a time, each page made (or cut) only when read. */
function pagesOfCorpus(corpus: CorpusSpec): PaperPages {
  return {
    expected: corpus.size,
    async *read() {
      if (corpus.file) {
        yield* pagesOf(corpusPapers(corpus)).read();
        return;
      }
      let page: Paper[] = [];
      for (const paper of syntheticPapers(corpus.size, 42, corpus.sources)) {
        page.push(paper);
        if (page.length === PAGE_SIZE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

if (process.argv[1] === thisFile) {
  const [engine, size, queries, corpus] = process.argv.slice(2);
  const figures = await measure(engine as Engine, Number(size), Number(queries), corpus ?? "");
  process.stdout.write(JSON.stringify(figures));
}
