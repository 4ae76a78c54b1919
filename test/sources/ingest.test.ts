import { afterEach, describe, expect, it } from "vitest";
import { Corpus } from "../../src/core/corpus/corpus.js";
import type { Paper } from "../../src/core/paper.js";
import { createPaperSources } from "../../src/sources/create.js";
import { ingest } from "../../src/sources/ingest.js";
import type { PaperSource } from "../../src/sources/port.js";
import {
  fixture,
  recordingLogger,
  startFakeSourceServer,
  type FakeRoute,
  type FakeSourceServer,
} from "./helpers/fake-source-server.js";

// Derived from the real id-list sample: the same arXiv answer, for a paper Hugging Face also lists.
const arxivFeedOfHfPaper = fixture("arxiv-api.id-list.sample.atom.xml").replaceAll(
  "1605.08386",
  "2410.17243",
);
// Derived from the real id-list sample: the answer after the authors posted a second version.
const arxivFeedOfSecondVersion = fixture("arxiv-api.id-list.sample.atom.xml")
  .replaceAll("1605.08386v1", "1605.08386v2")
  .replace("</summary>", " The second version adds a lower bound on the mixing time.</summary>");

let server: FakeSourceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sourcesServing(routes: { hf?: FakeRoute; arxiv?: FakeRoute; rss?: FakeRoute }) {
  server = await startFakeSourceServer({
    "/api/daily_papers": routes.hf ?? { body: "[]" },
    "/api/query": routes.arxiv ?? { body: fixture("arxiv-api.empty.sample.atom.xml") },
    "/rss/cs.LG": routes.rss ?? { body: fixture("arxiv-rss.sample.xml") },
  });
  const logger = recordingLogger();
  const sources = createPaperSources({
    hfApiRoot: server.url,
    arxivApiRoot: server.url,
    arxivRssRoot: server.url,
    log: logger.log,
    arxivSpacingMs: 5,
    http: { retries: 1, minBackoffMs: 1, maxBackoffMs: 2 },
  });
  return { sources, logger };
}

function run(list: PaperSource[], corpus: Corpus, log = recordingLogger().log) {
  const progress: string[] = [];
  const done = ingest(list, corpus, {
    categories: ["cs.LG"],
    log,
    onProgress: (line) => progress.push(line),
  });
  return { done, progress };
}

describe("ingest", () => {
  it("stores a paper brought by Hugging Face and arXiv once, with its upvotes and categories", async () => {
    const { sources } = await sourcesServing({
      hf: { body: fixture("hf-daily-papers.sample.json") },
      arxiv: { body: arxivFeedOfHfPaper },
    });
    const corpus = new Corpus();

    const { done, progress } = run([sources.hf, sources.arxiv], corpus);
    const summary = await done;

    expect(summary).toMatchObject({ fetched: 4, skipped: 0, failures: [], merged: [] });
    expect(summary.added.map((paper) => paper.id)).toEqual(["2410.17243", "2410.16251", "2410.18533"]);
    expect(corpus.size).toBe(3);
    expect(corpus.get("2410.17243")).toMatchObject({
      upvotes: 64,
      sources: ["hf", "arxiv"],
      categories: ["math.CO", "math.ST"],
    });
    expect(progress).toEqual([
      "hf: 3 fetched, 3 new, 0 merged, 0 skipped",
      "arxiv: 1 fetched, 0 new, 1 merged, 0 skipped",
    ]);
  });

  it("stores v1 then v2 of a paper as one record with the fuller abstract", async () => {
    const { sources } = await sourcesServing({
      arxiv: [{ body: fixture("arxiv-api.id-list.sample.atom.xml") }, { body: arxivFeedOfSecondVersion }],
    });
    const corpus = new Corpus();

    const first = await run([sources.arxiv], corpus).done;
    const second = await run([sources.arxiv], corpus).done;

    expect(first.added.map((paper) => paper.id)).toEqual(["1605.08386"]);
    expect(second.added).toEqual([]);
    expect(second.merged.map((paper) => paper.id)).toEqual(["1605.08386"]);
    expect(corpus.size).toBe(1);
    expect(corpus.get("1605.08386")?.abstract).toMatch(/adds a lower bound on the mixing time\.$/);
  });

  it("counts a paper fetched again unchanged as skipped", async () => {
    const { sources } = await sourcesServing({ rss: { body: fixture("arxiv-rss.sample.xml") } });
    const corpus = new Corpus();
    await run([sources.rss], corpus).done;

    const again = await run([sources.rss], corpus).done;
    expect(again).toMatchObject({ fetched: 4, added: [], merged: [], skipped: 4 });
  });

  it("fails a source alone when the stored versions of its papers cannot be read", async () => {
    const { sources } = await sourcesServing({ rss: { body: fixture("arxiv-rss.sample.xml") } });
    let reads = 0;
    const corpus = new Corpus(async () => {
      reads++;
      if (reads === 1) throw new Error("connection reset");
      return [];
    });
    const { done, progress } = run([sources.rss, sources.rss], corpus);
    const summary = await done;
    expect(summary.failures).toEqual([
      { source: "rss", message: "could not read the stored papers: connection reset" },
    ]);
    expect(summary.added).toHaveLength(4);
    expect(progress[0]).toMatch(/^rss: failed: could not read the stored papers/);
  });

  it("fails a source with a malformed payload alone: the corpus keeps its papers, the others still run", async () => {
    const { sources } = await sourcesServing({
      hf: { body: fixture("hf-daily-papers.sample.json").slice(0, 4_000) },
      arxiv: { body: fixture("arxiv-api.sample.atom.xml").slice(0, 9_000) },
    });
    const corpus = new Corpus();
    corpus.upsert([storedPaper]);
    const logger = recordingLogger();

    const { done, progress } = run([sources.hf, sources.arxiv, sources.rss], corpus, logger.log);
    const summary = await done;

    expect(summary.failures).toEqual([
      { source: "hf", message: expect.stringMatching(/not valid JSON/) },
      { source: "arxiv", message: expect.stringMatching(/not well-formed XML/) },
    ]);
    expect(summary.added).toHaveLength(4);
    expect(corpus.get(storedPaper.id)).toEqual(storedPaper);
    expect(corpus.size).toBe(5);
    expect(progress[0]).toMatch(/^hf: failed: The Hugging Face daily papers answer is not valid JSON/);
    expect(logger.lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      expect.stringMatching(/^hf: ingestion failed: The Hugging Face daily papers answer is not valid JSON/),
      expect.stringMatching(/^arxiv: ingestion failed: The arXiv API answer is not well-formed XML/),
    ]);
    expect(logger.lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it("reports arXiv's own reason when it refuses the query", async () => {
    const { sources } = await sourcesServing({
      arxiv: { status: 400, body: fixture("arxiv-api.error-400.sample.atom.xml") },
    });
    const summary = await run([sources.arxiv], new Corpus()).done;
    expect(summary.failures).toEqual([
      { source: "arxiv", message: "the arXiv API refused the query: incorrect id format for abc" },
    ]);
  });

  it("survives a 500 followed by success", async () => {
    const { sources, logger } = await sourcesServing({
      hf: [{ status: 500 }, { body: fixture("hf-daily-papers.sample.json") }],
    });
    const summary = await run([sources.hf], new Corpus(), logger.log).done;

    expect(summary.added).toHaveLength(3);
    expect(summary.failures).toEqual([]);
    expect(logger.lines.filter((line) => line.level === "warn")).toHaveLength(1);
  });

  it("skips a paper Hugging Face marks as withdrawn", async () => {
    const items = JSON.parse(fixture("hf-daily-papers.sample.json")) as { paper: Record<string, unknown> }[];
    items[0]!.paper.withdrawnAt = "2024-10-26T08:00:00.000Z";
    const { sources } = await sourcesServing({ hf: { body: JSON.stringify(items) } });
    const corpus = new Corpus();

    await run([sources.hf], corpus).done;
    expect(corpus.get("2410.17243")).toBeUndefined();
    expect(corpus.size).toBe(2);
  });
});

const storedPaper: Paper = {
  id: "hf-breaking-the-memory-barrier",
  title: "A paper already stored",
  abstract: "It must survive a failed ingestion.",
  authors: [],
  sources: ["seed"],
};
