/**
 * Retrieval quality of the TF-IDF index.
 *
 *   npm run eval [-- --data DIR] [--no-baselines] ICLR 2021 keyword protocol, stated interests,
 *                                                 daily-picks simulation, imported-library
 *                                                 simulation, SciFact; each beside scikit-learn,
 *                                                 arxiv-sanity-lite and BM25
 *   npm run eval -- --json [--data DIR]           the same figures (baselines aside) as one JSON object
 *   npm run eval -- --queries Q.jsonl --run OUT.tsv [--corpus FILE.tsv] [--data DIR]
 *                                                 TREC run file for outside judges
 *   npm run eval -- --check [--data DIR]          relevance guard for CI: ICLR keyword and SciFact
 *                                                 nDCG@10 against their floors; exits 1 below a
 *                                                 floor, 2 without the eval data. The library
 *                                                 simulation is printed after it, for information
 *                                                 only: it never changes the exit code.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { TfIdfIndex } from "../src/core/search/tfidf-index.js";
import { reportBaselines } from "./eval/baselines/report.js";
import { runCheck } from "./eval/check.js";
import { evaluateDigests, loadIclrPapers, reportDigestQuality } from "./eval/digest.js";
import { evaluate } from "./eval/evaluate.js";
import { keywordQueries } from "./eval/iclr.js";
import { evaluateLibraries, formatLibraryEvaluation } from "./eval/library.js";
import { formatMetrics } from "./eval/metrics.js";
import { readPaperList } from "./eval/paperlist.js";
import { loadSciFact } from "./eval/scifact.js";
import { INTEREST_TEMPLATES, statedInterestQueries } from "./eval/stated.js";
import { readJsonlQueries, writeTrecRun } from "./eval/trec-run.js";

const USAGE =
  "Usage: npm run eval -- [--data DIR] [--no-baselines | --json | --check | --queries Q.jsonl --run OUT.tsv [--corpus FILE.tsv] [--tag NAME]]";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_DATA = path.resolve(repoRoot, "..", "shared", "eval-data");

const OPTIONS = {
  data: { type: "string" },
  queries: { type: "string" },
  run: { type: "string" },
  corpus: { type: "string" },
  tag: { type: "string" },
  "no-baselines": { type: "boolean" },
  check: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** The digest simulation's settings, the same in the printed report and the JSON. */
const DIGEST_RUN = { users: 300, days: 20, seed: 7 } as const;

function parseOptions() {
  return parseArgs({ options: OPTIONS, strict: true }).values;
}

function main(): number {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const dataDir = path.resolve(values.data ?? DEFAULT_DATA);
  const paperlist = path.join(dataDir, "iclr2021-openreview", "paperlist.tsv");
  if (values.check === true) {
    if (values.queries !== undefined || values.run !== undefined || values.json === true) {
      console.error(`--check does not go with --queries, --run or --json.\n${USAGE}`);
      return 2;
    }
    const code = runCheck(dataDir);
    if (code !== 2) reportLibrariesAsInfo(paperlist);
    return code;
  }
  if (values.queries !== undefined || values.run !== undefined) {
    if (values.json === true) {
      console.error(`--json does not go with --queries or --run.\n${USAGE}`);
      return 2;
    }
    if (!values.queries || !values.run) {
      console.error(`--queries and --run go together.\n${USAGE}`);
      return 2;
    }
    const corpus = values.corpus ?? paperlist;
    if (!existsSync(corpus) || !existsSync(values.queries)) {
      console.error(`Cannot read ${existsSync(corpus) ? values.queries : corpus}.\n${USAGE}`);
      return 2;
    }
    const index = TfIdfIndex.build(readPaperList(corpus).map((listed) => listed.paper));
    const queries = readJsonlQueries(values.queries);
    const lines = writeTrecRun(index, queries, values.run, values.tag ?? "paperboy-tfidf");
    console.log(`Wrote ${lines} lines for ${queries.length} queries to ${values.run}`);
    return 0;
  }
  if (!existsSync(paperlist)) {
    console.error(`No eval data at ${dataDir} (expected iclr2021-openreview/paperlist.tsv).\n${USAGE}`);
    return 2;
  }
  const scifactZip = path.join(dataDir, "scifact", "scifact.zip");
  if (values.json === true) {
    console.log(JSON.stringify(measureAll(paperlist, scifactZip), null, 2));
    return 0;
  }
  const baselines = values["no-baselines"] !== true;
  runIclr(paperlist, baselines);
  reportDigestQuality(loadIclrPapers(paperlist), DIGEST_RUN);
  formatLibraryEvaluation(evaluateLibraries(readPaperList(paperlist))).forEach((line) => console.log(line));
  if (existsSync(scifactZip)) runSciFact(scifactZip, baselines);
  else console.log(`SciFact skipped: ${scifactZip} not found`);
  return 0;
}

/** What the printed report shows, baselines aside; SciFact is null without its zip. */
function measureAll(paperlist: string, scifactZip: string) {
  const listed = readPaperList(paperlist);
  const index = TfIdfIndex.build(listed.map((l) => l.paper));
  const queries = keywordQueries(listed);
  const sciFact = existsSync(scifactZip) ? loadSciFact(scifactZip) : undefined;
  return {
    iclr: {
      papers: listed.length,
      queries: queries.length,
      keywords: evaluate(index, queries),
      stated: evaluate(index, statedInterestQueries(queries)),
    },
    digest: { ...DIGEST_RUN, ...evaluateDigests(loadIclrPapers(paperlist), DIGEST_RUN) },
    library: evaluateLibraries(listed),
    sciFact: sciFact
      ? {
          docs: sciFact.corpus.length,
          queries: sciFact.queries.length,
          claims: evaluate(TfIdfIndex.build(sciFact.corpus), sciFact.queries),
        }
      : null,
  };
}

/**
 * The library simulation after the relevance check, as information: it has no floor, and nothing
 * it does (not even failing to run) changes the check's exit code.
 */
function reportLibrariesAsInfo(paperlist: string): void {
  try {
    const lines = formatLibraryEvaluation(evaluateLibraries(readPaperList(paperlist)));
    console.log("For information (not checked):");
    lines.forEach((line) => console.log(`  ${line}`));
  } catch (error) {
    console.log(`For information: the library simulation did not run (${(error as Error).message}).`);
  }
}

function runIclr(file: string, baselines: boolean): void {
  const listed = readPaperList(file);
  const started = performance.now();
  const index = TfIdfIndex.build(listed.map((l) => l.paper));
  const buildMs = performance.now() - started;
  const queries = keywordQueries(listed);
  console.log(
    `ICLR 2021: ${listed.length} papers (indexed in ${buildMs.toFixed(0)} ms), ${queries.length} keyword queries`,
  );
  console.log(formatMetrics("keywords", queries.length, evaluate(index, queries)));
  console.log(
    formatMetrics(
      "stated interests (mixed)",
      queries.length,
      evaluate(index, statedInterestQueries(queries)),
    ),
  );
  INTEREST_TEMPLATES.forEach((template) => {
    const phrased = queries.map((q) => ({ ...q, query: template(q.query) }));
    console.log(formatMetrics(`  "${template("…")}"`.slice(0, 28), queries.length, evaluate(index, phrased)));
  });
  if (baselines) {
    reportBaselines(
      listed.map((l) => l.paper),
      [
        { label: "keywords", queries },
        { label: "stated interests (mixed)", queries: statedInterestQueries(queries) },
      ],
    );
  }
}

function runSciFact(zip: string, baselines: boolean): void {
  const set = loadSciFact(zip);
  const index = TfIdfIndex.build(set.corpus);
  console.log(
    `SciFact (BEIR test): ${set.corpus.length} docs, ${set.queries.length} queries, ${set.qrels} qrels`,
  );
  console.log(formatMetrics("claims", set.queries.length, evaluate(index, set.queries)));
  if (baselines) reportBaselines(set.corpus, [{ label: "claims", queries: set.queries }]);
}

process.exitCode = main();
