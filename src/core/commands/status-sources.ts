import type { IngestRun } from "../records.js";
import type { Paper, PaperSource } from "../paper.js";
import type { PaperRecords } from "../store/port.js";
import type { CommandEnv } from "./deps.js";
import { quote } from "./replies.js";
import { utcTimeFrom } from "./status-time.js";

/** The sources /status always lists, each whether or not it ever ran. */
const SOURCES: readonly PaperSource[] = ["hf", "arxiv", "rss", "seed"];

/** What the corpus holds of one source. */
interface SourceShelf {
  papers: number;
  /** The newest publication date among them; absent when none is dated. */
  newestMs?: number;
}

/** One line per source: its papers in the corpus, its newest paper, its last ingest. */
export async function sourceLines(env: CommandEnv, now: Date): Promise<string[]> {
  const summary = await env.store.papers.sourceSummary();
  // Before any paper is stored, the demo corpus held in memory is what is searched.
  const shelves = summary.length > 0 ? shelvesFromSummary(summary) : shelvesOf(env.papers.recent());
  const runs = new Map((await env.store.ingestRuns.latest()).map((run) => [run.source, run]));
  const names = [...new Set([...SOURCES, ...runs.keys()])];
  const lines = [`Papers: ${count(env.index.size)} in the corpus.`];
  for (const name of names) {
    lines.push(`• ${name}: ${shelfText(shelves.get(name))}; ${runText(name, runs.get(name), now)}.`);
  }
  return lines;
}

function shelvesFromSummary(
  summary: Awaited<ReturnType<PaperRecords["sourceSummary"]>>,
): Map<string, SourceShelf> {
  return new Map(
    summary.map(({ source, papers, newest }) => {
      const newestMs = newest === undefined ? Number.NaN : Date.parse(newest);
      return [source, Number.isNaN(newestMs) ? { papers } : { papers, newestMs }];
    }),
  );
}

/** Papers counted under each of their sources: a paper two sources brought counts twice. */
function shelvesOf(papers: Iterable<Paper>): Map<string, SourceShelf> {
  const shelves = new Map<string, SourceShelf>();
  for (const paper of papers) {
    const published = Date.parse(paper.publishedAt ?? "");
    for (const source of paper.sources) {
      const shelf = shelves.get(source) ?? { papers: 0 };
      shelf.papers += 1;
      if (published > (shelf.newestMs ?? Number.NEGATIVE_INFINITY)) shelf.newestMs = published;
      shelves.set(source, shelf);
    }
  }
  return shelves;
}

function shelfText(shelf: SourceShelf | undefined): string {
  if (!shelf) return "no papers";
  const papers = `${count(shelf.papers)} paper${shelf.papers === 1 ? "" : "s"}`;
  if (shelf.newestMs === undefined) return `${papers}, none dated`;
  return `${papers}, newest ${new Date(shelf.newestMs).toISOString().slice(0, 10)}`;
}

function runText(source: string, run: IngestRun | undefined, now: Date): string {
  if (!run) return source === "seed" ? "bundled with paperboy, never fetched" : "last ingest: never";
  const when = `last ingest ${utcTimeFrom(run.at, now)}`;
  if (run.error !== undefined) return `${when} failed: ${quote(run.error, 120)}`;
  return `${when}: ${run.added} new, ${run.merged} merged`;
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}
