/**
 * The relevance guard CI runs (`npm run eval -- --check`): paperboy's nDCG@10 on the ICLR 2021
 * keyword queries and on SciFact, each against a floor. Only what those two figures need is done:
 * no baselines, no stated-interest variants, no digest simulation, and queries are ranked 10 deep
 * (nDCG@10 is the same as at the full run depth).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { evaluate } from "./evaluate.js";
import { keywordQueries } from "./iclr.js";
import { readPaperList } from "./paperlist.js";
import { loadSciFact } from "./scifact.js";

/** The floors, a little under the figures of the current index (0.4407 and 0.6061). */
export const FLOORS = { iclrKeywords: 0.44, sciFact: 0.6 } as const;

/** The files the check reads, relative to the eval data folder. */
export const CHECK_FILES = {
  paperlist: path.join("iclr2021-openreview", "paperlist.tsv"),
  sciFact: path.join("scifact", "scifact.zip"),
} as const;

/** nDCG@10 needs the first ten results only. */
const CHECK_DEPTH = 10;

export interface Figure {
  /** What was measured, as the report and a failure message name it. */
  name: string;
  value: number;
  floor: number;
  /** What it was measured on, e.g. "286 queries, 2966 papers". */
  detail?: string;
}

export interface Verdict {
  passed: boolean;
  /** One line per figure, its value beside its floor. */
  lines: string[];
  /** One sentence per figure under its floor (or not a number), naming it. */
  failures: string[];
}

/** Compares each figure with its floor: a figure passes when it is at least its floor. */
export function judge(figures: readonly Figure[]): Verdict {
  const width = Math.max(0, ...figures.map((f) => f.name.length));
  const lines: string[] = [];
  const failures: string[] = [];
  for (const figure of figures) {
    const passed = figure.value >= figure.floor; // NaN fails
    const value = shown(figure.value, figure.floor);
    const floor = figure.floor.toFixed(4);
    const status = passed ? "ok" : "BELOW";
    const tail = figure.detail ? `${status.padEnd(5)}  (${figure.detail})` : status;
    lines.push(`  ${figure.name.padEnd(width)}  ${value}  floor ${floor}  ${tail}`);
    if (!passed) failures.push(`${figure.name} is ${value}, below its floor ${floor}.`);
  }
  return { passed: failures.length === 0, lines, failures };
}

/**
 * The value to four decimals, or with as many more as it takes for the printed value to fall on
 * the same side of the floor as the real one (0.43996 is not shown as 0.4400 against 0.44).
 */
function shown(value: number, floor: number): string {
  let digits = 4;
  while (digits < 12 && Number(value.toFixed(digits)) >= floor !== value >= floor) digits++;
  return value.toFixed(digits);
}

/** Why the check cannot run on `dataDir`, naming the folder and the missing files, or undefined. */
export function missingData(dataDir: string): string | undefined {
  const missing = Object.values(CHECK_FILES).filter((file) => !existsSync(path.join(dataDir, file)));
  if (missing.length === 0) return undefined;
  return (
    `Relevance check: no eval data in ${dataDir} (missing ${missing.join(", ")}). ` +
    `Put a copy of shared/eval-data there, or pass --data DIR.`
  );
}

/** paperboy's nDCG@10 on the ICLR 2021 keyword protocol (keywords of at least 5 papers as queries). */
export function iclrKeywordFigure(paperlist: string): Figure {
  const listed = readPaperList(paperlist);
  const index = TfIdfIndex.build(listed.map((l) => l.paper));
  const queries = keywordQueries(listed);
  return {
    name: "ICLR 2021 keyword nDCG@10",
    value: evaluate(index, queries, CHECK_DEPTH).ndcg10,
    floor: FLOORS.iclrKeywords,
    detail: `${queries.length} queries, ${listed.length} papers`,
  };
}

/** paperboy's nDCG@10 on BEIR-SciFact "test". */
export function sciFactFigure(zip: string): Figure {
  const set = loadSciFact(zip);
  const index = TfIdfIndex.build(set.corpus);
  return {
    name: "SciFact nDCG@10",
    value: evaluate(index, set.queries, CHECK_DEPTH).ndcg10,
    floor: FLOORS.sciFact,
    detail: `${set.queries.length} queries, ${set.corpus.length} docs`,
  };
}

/** Both figures of the check, measured on the eval data in `dataDir`. */
export function measureFigures(dataDir: string): Figure[] {
  return [
    iclrKeywordFigure(path.join(dataDir, CHECK_FILES.paperlist)),
    sciFactFigure(path.join(dataDir, CHECK_FILES.sciFact)),
  ];
}

export interface CheckOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** Runs the check on `dataDir` and returns the exit code: 0 passed, 1 a figure below its floor, 2 no data. */
export function runCheck(
  dataDir: string,
  out: CheckOutput = console,
  measure: (dataDir: string) => Figure[] = measureFigures,
): number {
  const missing = missingData(dataDir);
  if (missing) {
    out.error(missing);
    return 2;
  }
  const started = performance.now();
  const verdict = judge(measure(dataDir));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out.log(`Relevance check on ${dataDir} (paperboy TF-IDF, nDCG@10 against floors):`);
  verdict.lines.forEach((line) => out.log(line));
  if (verdict.passed) {
    out.log(`Relevance check passed (${seconds} s).`);
    return 0;
  }
  verdict.failures.forEach((failure) => out.error(`Relevance check failed: ${failure}`));
  return 1;
}
