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
import { benchQueries, sourcePapers, syntheticCorpus } from "./synthetic-corpus.js";

export type Engine = "paperboy" | "minisearch";

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
  buildMs: number;
  buildCpuMs: number;
  findP50Ms: number;
  findP95Ms: number;
  peakRssMb: number;
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
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
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

async function buildEngine(engine: Engine, papers: Paper[]): Promise<Searcher> {
  if (engine === "paperboy") {
    const index = await TfIdfIndex.buildAsync(papers);
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
  const papers = corpus ? readCorpusTsv(corpus) : syntheticCorpus(size, 42, sources);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const searcher = await buildEngine(engine, papers);
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
  return {
    papers: papers.length,
    buildMs,
    buildCpuMs: (cpu.user + cpu.system) / 1000,
    findP50Ms: percentile(latencies, 0.5),
    findP95Ms: percentile(latencies, 0.95),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
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
