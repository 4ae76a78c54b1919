import { parseArgs } from "node:util";
import type { Paper } from "../core/paper.js";
import { type PaperReader, paperReaderOf } from "../core/corpus/paper-reader.js";
import { PAGE_SIZE } from "../core/search/count-pages.js";
import { type SearchOutcome, TfIdfIndex } from "../core/search/tfidf-index.js";
import { loadCorpusFile } from "./corpus-file.js";
import { asksForHelp } from "./help.js";
import { stripControls, terminalJson } from "./terminal-text.js";
import { errorMessage } from "../core/error-message.js";

export interface FindIo {
  out(line: string): void;
  err(line: string): void;
  /** Runs `use` on the papers searched when no --corpus is given (the store's, or the bundled ones). */
  withDefaultPapers<T>(use: (papers: PaperReader) => Promise<T>): Promise<T>;
}

export const FIND_USAGE =
  'Usage: paperboy find "<query>" [--limit N (1-100)] [--json] [--corpus FILE (.tsv id<TAB>title<TAB>abstract, .json Paper[], .txt HF papers page)]';
const MAX_LIMIT = 100;

interface FindRequest {
  query: string;
  limit: number;
  json: boolean;
  corpus?: string;
}

/**
 * `paperboy find "<query>" [--limit N] [--json] [--corpus FILE]`: ranks papers against a query.
 * Exit code 0 on success (even with no results), 1 when the corpus cannot be read, 2 for bad arguments.
 */
export async function runFind(args: string[], io: FindIo): Promise<number> {
  if (asksForHelp(args)) {
    io.out(FIND_USAGE);
    return 0;
  }
  const request = parseFindArgs(args);
  if (typeof request === "string") {
    io.err(`${request}\n${FIND_USAGE}`);
    return 2;
  }
  let searched: Searched;
  try {
    searched = request.corpus
      ? await search(paperReaderOf(await loadCorpusFile(request.corpus)), request)
      : await io.withDefaultPapers((papers) => search(papers, request));
  } catch (error) {
    io.err(`Cannot read the corpus: ${errorMessage(error)}\n${FIND_USAGE}`);
    return 1;
  }
  const { outcome, found, size } = searched;
  if (request.json) {
    const rows = found.map(({ paper, score, matched }) => ({
      id: paper.id,
      title: paper.title,
      score,
      matched,
    }));
    io.out(terminalJson(rows));
    if (outcome.notice) io.err(outcome.notice);
    return 0;
  }
  if (outcome.notice) io.out(outcome.notice);
  if (found.length === 0) {
    if (!outcome.notice) io.out(`No papers match “${stripControls(request.query)}” among ${size} papers.`);
    return 0;
  }
  found.forEach(({ paper, score, matched }, i) => {
    io.out(`${String(i + 1).padStart(2)}. ${score.toFixed(3)}  ${stripControls(paper.title)}`);
    io.out(
      `    ${stripControls(paper.id)}  matched: ${matched.map((term) => stripControls(term)).join(", ")}`,
    );
  });
  return 0;
}

interface Searched {
  outcome: SearchOutcome;
  found: Array<{ paper: Paper; score: number; matched: string[] }>;
  /** Papers searched. */
  size: number;
}

/** Indexes the papers a page at a time and ranks them; reads only the papers found in full. */
async function search(papers: PaperReader, request: FindRequest): Promise<Searched> {
  const expected = await papers.count();
  const index = await TfIdfIndex.buildFrom({ expected, read: () => papers.indexedPages(PAGE_SIZE) });
  const outcome = index.search(request.query, { limit: request.limit });
  const byId = new Map((await papers.get(outcome.results.map((hit) => hit.id))).map((p) => [p.id, p]));
  const found = outcome.results.flatMap(({ id, score, matched }) => {
    const paper = byId.get(id);
    return paper ? [{ paper, score, matched }] : [];
  });
  return { outcome, found, size: index.size };
}

function parseFindArgs(args: string[]): FindRequest | string {
  let parsed: { values: { limit?: string; json?: boolean; corpus?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { limit: { type: "string" }, json: { type: "boolean" }, corpus: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return errorMessage(error);
  }
  const { values, positionals } = parsed;
  const query = positionals.join(" ").trim();
  if (query === "") return "What should I look for? Give a query in quotes.";
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!/^\d+$/.test(values.limit ?? "10") || limit < 1 || limit > MAX_LIMIT) {
    return `--limit must be a whole number from 1 to ${MAX_LIMIT}, not “${values.limit}”.`;
  }
  if (values.corpus !== undefined && values.corpus.trim() === "") return "--corpus needs a file name.";
  return { query, limit, json: values.json === true, corpus: values.corpus };
}
