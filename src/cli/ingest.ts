import { parseArgs } from "node:util";
import type { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import { SOURCE_NAMES, type SourceName } from "../sources/create.js";
import { ingest, type IngestSummary } from "../sources/ingest.js";
import type { PaperSource } from "../sources/port.js";
import { checkCategories, checkDay } from "../sources/validate.js";
import { asksForHelp } from "./help.js";
import { errorMessage } from "../core/error-message.js";

export interface IngestCommandDeps {
  corpus: Corpus;
  /** Stores new and changed papers and makes them searchable; called once, only when something changed. */
  save(papers: readonly Paper[]): Promise<void>;
  sources: Record<SourceName, PaperSource>;
  /** Progress lines and the summary. */
  out(line: string): void;
  /** Usage and error messages. */
  err(line: string): void;
  log: Logger;
  /** Used without --categories (ARXIV_CATEGORIES). */
  defaultCategories?: string[];
  now?: () => Date;
}

export const INGEST_USAGE =
  "Usage: paperboy ingest [--source hf|arxiv|rss|all] [--date YYYY-MM-DD] [--categories cs.LG,cs.CL]";
const DEFAULT_CATEGORIES = ["cs.LG", "cs.CL", "cs.AI", "cs.CV"];

interface IngestRequest {
  sources: SourceName[];
  date?: string;
  categories: string[];
}

/**
 * `paperboy ingest`: fetches papers, stores them once each, saves and indexes what changed.
 * Exit code 0 when every source answered, 1 when one failed or saving failed, 2 for bad arguments.
 */
export async function runIngest(args: string[], deps: IngestCommandDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(INGEST_USAGE);
    return 0;
  }
  const request = parseIngestArgs(args, deps);
  if (typeof request === "string") {
    deps.err(`${request}\n${INGEST_USAGE}`);
    return 2;
  }
  if (request.date && request.sources.includes("rss")) {
    deps.out(`rss: skipped (the feed only holds the latest listing, not ${request.date})`);
    request.sources = request.sources.filter((name) => name !== "rss");
  }

  const summary = await ingest(
    request.sources.map((name) => deps.sources[name]),
    deps.corpus,
    { date: request.date, categories: request.categories, log: deps.log, onProgress: deps.out },
  );
  const stored = await storeChanges(summary, deps);
  deps.out(summaryLine(summary));
  return stored && summary.failures.length === 0 ? 0 : 1;
}

async function storeChanges(summary: IngestSummary, deps: IngestCommandDeps): Promise<boolean> {
  const changed = [...summary.added, ...summary.merged];
  if (changed.length === 0) return true;
  try {
    await deps.save(changed);
  } catch (error) {
    deps.log.error({ err: error }, "saving the corpus failed");
    deps.err(
      `Could not save the new papers (${errorMessage(error)}); the stored corpus is unchanged, run ingest again.`,
    );
    return false;
  }
  return true;
}

function summaryLine({ fetched, added, merged, skipped, failures }: IngestSummary): string {
  const counts = `${fetched} fetched, ${added.length} new, ${merged.length} merged, ${skipped} skipped`;
  const failed =
    failures.length === 0 ? "" : `; failed: ${failures.map((failure) => failure.source).join(", ")}`;
  return `Ingested: ${counts}${failed}`;
}

/** What is wrong with `paperboy ingest`'s arguments, or undefined: checked before the store is opened. */
export function ingestArgsProblem(args: string[]): string | undefined {
  const request = parseIngestArgs(args, {});
  return typeof request === "string" ? request : undefined;
}

/** The request, or a message naming the valid form. */
function parseIngestArgs(
  args: string[],
  deps: Pick<IngestCommandDeps, "defaultCategories" | "now">,
): IngestRequest | string {
  let values: { source?: string; date?: string; categories?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { source: { type: "string" }, date: { type: "string" }, categories: { type: "string" } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    return errorMessage(error);
  }

  const source = (values.source ?? "all").trim().toLowerCase();
  if (source !== "all" && !isSourceName(source)) {
    return `--source must be hf, arxiv, rss or all, not ${JSON.stringify(values.source)}`;
  }
  const request: IngestRequest = {
    sources: source === "all" ? [...SOURCE_NAMES] : [source],
    categories: deps.defaultCategories ?? DEFAULT_CATEGORIES,
  };
  if (values.date !== undefined) {
    const day = checkDay(values.date, deps.now?.() ?? new Date());
    if (!day.ok) return day.message;
    request.date = day.value;
    if (source === "rss") {
      return `The arXiv RSS feed only holds the latest listing, not ${day.value}: use --source arxiv.`;
    }
  }
  if (values.categories !== undefined) {
    const categories = checkCategories(values.categories);
    if (!categories.ok) return categories.message;
    request.categories = categories.value;
  }
  return request;
}

function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}
