import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/core/log.js";
import { Corpus } from "../../src/core/corpus/corpus.js";
import { createLogger } from "../../src/logger.js";
import { createPaperSources } from "../../src/sources/create.js";
import { ingest, type IngestOptions } from "../../src/sources/ingest.js";
import {
  fixture,
  rateLimited,
  recordingLogger,
  startFakeSourceServer,
  type FakeRoute,
  type FakeSourceServer,
} from "./helpers/fake-source-server.js";

/** The idle timeout and attempts these tests give each request: 3 × 200 ms of silence at most. */
const IDLE_MS = 200;
const ATTEMPTS = 3;

let server: FakeSourceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Setup {
  hf?: FakeRoute;
  arxiv?: FakeRoute;
  rss?: FakeRoute;
  /** Each source's whole-run deadline. */
  deadlineMs?: number;
  log?: Logger;
  nextRunAt?: IngestOptions["nextRunAt"];
}

/** Runs one ingest of all three sources against the fake server; resolves with what it did and took. */
async function ingestAll(setup: Setup) {
  server = await startFakeSourceServer({
    "/api/daily_papers": setup.hf ?? { body: fixture("hf-daily-papers.sample.json") },
    "/api/query": setup.arxiv ?? { body: fixture("arxiv-api.id-list.sample.atom.xml") },
    "/rss/cs.LG": setup.rss ?? { body: fixture("arxiv-rss.sample.xml") },
  });
  const logger = recordingLogger();
  const log = setup.log ?? logger.log;
  const sources = createPaperSources({
    hfApiRoot: server.url,
    arxivApiRoot: server.url,
    arxivRssRoot: server.url,
    log,
    arxivSpacingMs: 5,
    ingestTimeoutMs: setup.deadlineMs ?? 10_000,
    http: { idleTimeoutMs: IDLE_MS, retries: ATTEMPTS - 1, minBackoffMs: 1, maxBackoffMs: 5 },
  });
  const corpus = new Corpus();
  const started = Date.now();
  const summary = await ingest([sources.hf, sources.arxiv, sources.rss], corpus, {
    categories: ["cs.LG"],
    log,
    ...(setup.nextRunAt && { nextRunAt: setup.nextRunAt }),
  });
  const warnings = logger.lines.filter((line) => line.level === "warn").map((line) => line.message);
  return { summary, corpus, elapsed: Date.now() - started, warnings, requests: server.requests };
}

/** What arXiv and the RSS feed bring when they answer: 1 and 4 papers. */
const OTHERS_PAPERS = 5;

describe("ingest time bounds", () => {
  it("fails a source that accepts the connection and never answers within idle timeout × attempts; the others land", async () => {
    const { summary, corpus, elapsed, warnings, requests } = await ingestAll({ hf: { hang: true } });

    expect(summary.failures).toEqual([
      { source: "hf", message: expect.stringMatching(/timed out: nothing arrived for 200 ms$/) },
    ]);
    expect(requests.filter((request) => request.path === "/api/daily_papers")).toHaveLength(ATTEMPTS);
    expect(elapsed).toBeGreaterThanOrEqual(ATTEMPTS * IDLE_MS - 20);
    expect(elapsed).toBeLessThan(ATTEMPTS * IDLE_MS + 1_000);
    expect(corpus.size).toBe(OTHERS_PAPERS);
    expect(warnings.at(-1)).toMatch(/^hf: ingestion failed: GET .* timed out: nothing arrived for 200 ms$/);
  });

  it("fails a source whose body stalls halfway the same way", async () => {
    const stalled = fixture("hf-daily-papers.sample.json").slice(0, 500);
    const { summary, corpus, elapsed } = await ingestAll({ hf: { stallAfter: stalled } });

    expect(summary.failures).toEqual([
      { source: "hf", message: expect.stringMatching(/timed out: nothing arrived for 200 ms$/) },
    ]);
    expect(elapsed).toBeLessThan(ATTEMPTS * IDLE_MS + 1_000);
    expect(corpus.size).toBe(OTHERS_PAPERS);
  });

  it("gives up at once on a Retry-After past the deadline, in one line saying when the next try is", async () => {
    const { summary, corpus, elapsed, warnings, requests } = await ingestAll({
      arxiv: rateLimited("3600"),
      deadlineMs: 300_000,
      nextRunAt: () => new Date("2026-12-07T06:00:00Z"),
    });

    expect(warnings).toEqual([
      "arxiv: rate limited (Retry-After 3600 s, past this run's 5 min deadline); " +
        "next try at the next scheduled ingest (2026-12-07 06:00 UTC)",
    ]);
    expect(summary.failures.map((failure) => failure.source)).toEqual(["arxiv"]);
    expect(requests.filter((request) => request.path === "/api/query")).toHaveLength(1);
    expect(elapsed).toBeLessThan(1_000);
    expect(corpus.size).toBe(3 + 4);
  });

  it("says only 'at the next scheduled ingest' when the schedule is not known (the CLI)", async () => {
    const { warnings } = await ingestAll({ hf: rateLimited("3600"), deadlineMs: 90_000 });
    expect(warnings).toEqual([
      "hf: rate limited (Retry-After 3600 s, past this run's 90 s deadline); next try at the next scheduled ingest",
    ]);
  });

  it("waits out a short Retry-After and lands the source's papers", async () => {
    const { summary, corpus, elapsed, warnings, requests } = await ingestAll({
      arxiv: [rateLimited("1"), { body: fixture("arxiv-api.id-list.sample.atom.xml") }],
      deadlineMs: 5_000,
    });

    expect(summary.failures).toEqual([]);
    expect(requests.filter((request) => request.path === "/api/query")).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(warnings).toEqual([expect.stringMatching(/429 .*retrying after 1\.0 s as the server asked/)]);
    expect(corpus.size).toBe(3 + OTHERS_PAPERS);
  });

  it("cuts a source whose answer keeps dripping at the run's deadline; the others land", async () => {
    const { summary, corpus, elapsed, warnings } = await ingestAll({
      rss: { drip: { chunk: "<", everyMs: 50 } },
      deadlineMs: 700,
    });

    expect(summary.failures).toEqual([
      {
        source: "rss",
        message: expect.stringMatching(
          /^gave up at this run's 700 ms deadline, waiting on GET .*\/rss\/cs\.LG$/,
        ),
      },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^rss: gave up at this run's 700 ms deadline.*; next try at the next scheduled ingest$/,
      ),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(700 - 20);
    expect(elapsed).toBeLessThan(700 + 800);
    expect(corpus.size).toBe(3 + 1);
  });
});

describe("ingest failure logs", () => {
  /** The log text of an ingest where Hugging Face answers 404, at the given level and format. */
  async function failureLog(level: "info" | "debug", production: boolean): Promise<string> {
    const chunks: string[] = [];
    const log = createLogger({
      level,
      production,
      secrets: [],
      destination: { write: (line: string) => void chunks.push(line) },
    });
    await ingestAll({ hf: { status: 404, body: "no such page" }, log });
    return chunks.join("");
  }

  it("are one JSON line without a stack at info level", async () => {
    const lines = (await failureLog("info", true)).trim().split("\n");
    const hf = lines.filter((line) => line.includes('"source":"hf"'));

    expect(hf).toHaveLength(1);
    expect(JSON.parse(hf[0] ?? "{}")).toMatchObject({
      level: 40,
      source: "hf",
      msg: expect.stringMatching(/^hf: ingestion failed: GET .* answered 404 Not Found/),
      err: expect.stringMatching(/answered 404 Not Found/),
    });
    expect(hf[0]).not.toMatch(/stack|\s+at /);
  });

  it("carry no stack in readable logs at info level either", async () => {
    const text = await failureLog("info", false);
    expect(text).toMatch(/WARN.*hf: ingestion failed: GET .* answered 404 Not Found/);
    expect(text).not.toMatch(/^\s+at /m);
  });

  it("add the stack at debug level", async () => {
    const lines = (await failureLog("debug", true)).trim().split("\n");
    const detail = lines
      .map((line) => JSON.parse(line) as { level: number; source?: string; err?: { stack?: string } })
      .find((line) => line.level === 20 && line.source === "hf");

    expect(detail?.err?.stack).toMatch(/^HttpError: GET .* answered 404[^]*\n\s+at /);
  });
});
