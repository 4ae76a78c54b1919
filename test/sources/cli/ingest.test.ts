import { afterEach, describe, expect, it } from "vitest";
import { runIngest, type IngestCommandDeps } from "../../../src/cli/ingest.js";
import { Corpus } from "../../../src/core/corpus/corpus.js";
import type { Paper } from "../../../src/core/paper.js";
import { createPaperSources } from "../../../src/sources/create.js";
import {
  fixture,
  recordingLogger,
  startFakeSourceServer,
  type FakeSourceServer,
} from "../helpers/fake-source-server.js";

let server: FakeSourceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(overrides: { hfBody?: string; save?: () => Promise<void> } = {}) {
  server = await startFakeSourceServer({
    "/api/daily_papers": { body: overrides.hfBody ?? fixture("hf-daily-papers.sample.json") },
    "/api/query": { body: fixture("arxiv-api.id-list.sample.atom.xml") },
    "/rss/cs.LG+cs.CL": { body: fixture("arxiv-rss.sample.xml") },
    "/rss/cs.LG+cs.CL+cs.AI+cs.CV": { body: fixture("arxiv-rss.sample.xml") },
  });
  const lines: string[] = [];
  const errors: string[] = [];
  const saved: Paper[][] = [];
  const deps: IngestCommandDeps = {
    corpus: new Corpus(),
    save: overrides.save ?? (async (papers) => void saved.push([...papers])),
    sources: createPaperSources({
      hfApiRoot: server.url,
      arxivApiRoot: server.url,
      arxivRssRoot: server.url,
      log: recordingLogger().log,
      arxivSpacingMs: 5,
      http: { retries: 0 },
    }),
    out: (line) => void lines.push(line),
    err: (line) => void errors.push(line),
    log: recordingLogger().log,
    now: () => new Date("2024-10-26T06:00:00Z"),
  };
  return { deps, lines, errors, saved, requests: server.requests };
}

describe("paperboy ingest", () => {
  it("ingests every source, prints a line per source and a summary, and saves the new papers once", async () => {
    const { deps, lines, saved } = await setUp();

    const code = await runIngest(["--categories", "cs.LG,cs.CL"], deps);

    expect(code).toBe(0);
    expect(lines).toEqual([
      "hf: 3 fetched, 3 new, 0 merged, 0 skipped",
      "arxiv: 1 fetched, 1 new, 0 merged, 0 skipped",
      "rss: 4 fetched, 4 new, 0 merged, 0 skipped",
      "Ingested: 8 fetched, 8 new, 0 merged, 0 skipped",
    ]);
    expect(saved.map((papers) => papers.length)).toEqual([8]);
  });

  it("fetches one source for one day when asked", async () => {
    const { deps, lines, requests } = await setUp();

    const code = await runIngest(["--source", "hf", "--date", "2024-10-25"], deps);

    expect(code).toBe(0);
    expect(requests.map((request) => request.path)).toEqual(["/api/daily_papers"]);
    expect(requests[0]?.query.get("date")).toBe("2024-10-25");
    expect(lines.at(-1)).toBe("Ingested: 3 fetched, 3 new, 0 merged, 0 skipped");
  });

  it("leaves the RSS feed out of a past day, saying why", async () => {
    const { deps, lines } = await setUp();
    expect(await runIngest(["--date", "2024-10-25"], deps)).toBe(0);
    expect(lines[0]).toBe("rss: skipped (the feed only holds the latest listing, not 2024-10-25)");
  });

  it("does not save when nothing changed", async () => {
    const { deps, saved } = await setUp({ hfBody: "[]" });
    expect(await runIngest(["--source", "hf"], deps)).toBe(0);
    expect(saved).toEqual([]);
  });

  it("exits 1 naming the failed source, and still stores what the others brought", async () => {
    const { deps, lines } = await setUp({ hfBody: "<!doctype html><title>Bad gateway</title>" });

    const code = await runIngest(["--categories", "cs.LG,cs.CL"], deps);

    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^hf: failed: The Hugging Face daily papers answer is not valid JSON/);
    expect(lines.at(-1)).toBe("Ingested: 5 fetched, 5 new, 0 merged, 0 skipped; failed: hf");
    expect(deps.corpus.size).toBe(5);
  });

  it("exits 1 with a clear message when saving fails", async () => {
    const { deps, lines, errors } = await setUp({
      save: async () => {
        throw new Error("disk full");
      },
    });
    expect(await runIngest(["--source", "hf"], deps)).toBe(1);
    expect(lines.at(-1)).toBe("Ingested: 3 fetched, 3 new, 0 merged, 0 skipped");
    expect(errors).toEqual([
      "Could not save the new papers (disk full); the stored corpus is unchanged, run ingest again.",
    ]);
  });

  it.each([
    [["--source", "twitter"], /--source must be hf, arxiv, rss or all, not "twitter"/],
    [["--date", "25/10/2024"], /"25\/10\/2024" is not a calendar day: give a day as YYYY-MM-DD/],
    [["--date", "2024-02-30"], /not a calendar day/],
    [["--date", "2031-01-01"], /2031-01-01 is in the future/],
    [
      ["--categories", "cs.LG;rm -rf"],
      /is not an arXiv category: give arXiv categories separated by commas, e.g. --categories cs.LG,cs.CL/,
    ],
    [["--categories", ", ,"], /--categories needs 1 to 50 categories/],
    [
      ["--source", "rss", "--date", "2024-10-25"],
      /only holds the latest listing, not 2024-10-25: use --source arxiv/,
    ],
    [["--verbose"], /Unknown option '--verbose'/],
    [["now"], /Unexpected argument 'now'/],
  ])("refuses %j with exit code 2 and the usage", async (args, message) => {
    const { deps, lines, errors, requests } = await setUp();

    expect(await runIngest(args, deps)).toBe(2);
    expect(errors.join("\n")).toMatch(message);
    expect(errors.join("\n")).toMatch(/Usage: paperboy ingest \[--source hf\|arxiv\|rss\|all\]/);
    expect(lines).toEqual([]);
    expect(requests).toEqual([]);
  });
});
