import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIngestJob, INGEST_JOB } from "../../src/app/ingest-job.js";
import { openApp, type App } from "../../src/app/open-app.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import { RateLimitedError } from "../../src/sources/errors.js";
import type { PaperSource } from "../../src/sources/port.js";
import { recordingLogger } from "../sources/helpers/fake-source-server.js";

const NEW_PAPER: Paper = {
  id: "2611.00001",
  title: "Quantum annealing schedules for protein folding",
  abstract: "We study quantum annealing schedules and show that protein folding benefits from them.",
  authors: ["A. Author"],
  publishedAt: "2026-11-27T00:00:00Z",
  sources: ["arxiv"],
};

/** A source whose answer the test releases by hand, to observe the app while ingestion waits on it. */
function heldSource(): { source: PaperSource; release(papers: Paper[]): void } {
  let release: (papers: Paper[]) => void = () => {};
  const answer = new Promise<Paper[]>((resolve) => (release = resolve));
  return { source: { name: "arxiv", fetch: () => answer }, release: (papers) => release(papers) };
}

describe("the daily ingestion job", () => {
  let dataDir: string;
  let app: App;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-ingest-"));
    app = await openApp({ dataDir }, silentLogger);
  });

  afterEach(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps answering searches while sources are fetched, then makes new papers searchable and saves them", async () => {
    const held = heldSource();
    const running = createIngestJob(app, [held.source], ["cs.LG"], silentLogger)();

    const during = app.index.search("few-shot learning", { limit: 3 });
    expect(during.results.length).toBe(3);
    expect(app.index.search("quantum annealing protein folding").results).toEqual([]);

    held.release([NEW_PAPER]);
    await running;

    const after = app.index.search("quantum annealing protein folding", { limit: 1 });
    expect(after.results[0]?.id).toBe(NEW_PAPER.id);
    const saved = await app.store.papers.all();
    expect(saved.some((paper) => paper.id === NEW_PAPER.id)).toBe(true);
    // The bundled demo corpus is stored with the first ingestion, so a restart keeps it.
    expect(saved).toHaveLength(120);
  });

  it("stores the other sources' papers when one gives up for this run, and says when it is tried again", async () => {
    const limited: PaperSource = {
      name: "hf",
      fetch: async () => {
        throw new RateLimitedError("https://huggingface.co/api/daily_papers", 3_600_000, 300_000);
      },
    };
    const answering: PaperSource = { name: "arxiv", fetch: async () => [NEW_PAPER] };
    const logger = recordingLogger();

    await createIngestJob(
      app,
      [limited, answering],
      ["cs.LG"],
      logger.log,
    )({
      nextRunAt: () => new Date("2026-12-07T06:00:00Z"),
    });

    expect(logger.lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      "hf: rate limited (Retry-After 3600 s, past this run's 5 min deadline); " +
        "next try at the next scheduled ingest (2026-12-07 06:00 UTC)",
    ]);
    expect((await app.store.papers.all()).some((paper) => paper.id === NEW_PAPER.id)).toBe(true);
  });

  it("leaves ingestion to the instance that holds it, fetching nothing", async () => {
    const elsewhere = await app.store.jobs.tryHold(INGEST_JOB);
    let fetched = 0;
    const source: PaperSource = { name: "arxiv", fetch: async () => (fetched++, [NEW_PAPER]) };
    await createIngestJob(app, [source], ["cs.LG"], silentLogger)();
    expect(fetched).toBe(0);

    await elsewhere?.release();
    await createIngestJob(app, [source], ["cs.LG"], silentLogger)();
    expect(fetched).toBe(1);
    expect(app.index.search("quantum annealing protein folding").results[0]?.id).toBe(NEW_PAPER.id);
  });
});
