import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIngestJob } from "../../src/app/ingest-job.js";
import { openApp, type App } from "../../src/app/open-app.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import type { PaperSource } from "../../src/sources/port.js";

function aPaper(id: string, source: Paper["sources"][number]): Paper {
  return {
    id,
    title: `Quantum annealing schedules ${id}`,
    abstract: "We study quantum annealing schedules for protein folding.",
    authors: ["A. Author"],
    publishedAt: "2026-11-27T00:00:00Z",
    sources: [source],
  };
}

const answering = (name: PaperSource["name"], papers: Paper[]): PaperSource => ({
  name,
  fetch: async () => papers,
});

describe("the ingestion job records each source's run", () => {
  let dataDir: string;
  let app: App;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-ingest-runs-"));
    app = await openApp({ dataDir }, silentLogger);
  });

  afterEach(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("what each source added or merged, or why it failed; kept across a restart", async () => {
    const failing: PaperSource = {
      name: "hf",
      fetch: async () => {
        throw new Error("HTTP 503 from huggingface.co");
      },
    };
    const arxiv = answering("arxiv", [aPaper("2611.00001", "arxiv"), aPaper("2611.00002", "arxiv")]);
    const rss = answering("rss", [aPaper("2611.00002", "rss"), aPaper("2611.00003", "rss")]);
    const before = Date.now();
    await createIngestJob(app, [failing, arxiv, rss], ["cs.LG"], silentLogger)();

    const runs = await app.store.ingestRuns.latest();
    const at = expect.any(String) as string;
    expect(runs).toStrictEqual([
      { source: "arxiv", at, added: 2, merged: 0 },
      { source: "hf", at, added: 0, merged: 0, error: "HTTP 503 from huggingface.co" },
      { source: "rss", at, added: 1, merged: 1 },
    ]);
    for (const run of runs) {
      expect(Date.parse(run.at)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(run.at)).toBeLessThanOrEqual(Date.now());
    }

    await createIngestJob(app, [answering("hf", [])], ["cs.LG"], silentLogger)();
    await app.close();
    app = await openApp({ dataDir }, silentLogger);
    expect(await app.store.ingestRuns.latest()).toStrictEqual([
      { source: "arxiv", at, added: 2, merged: 0 },
      { source: "hf", at, added: 0, merged: 0 },
      { source: "rss", at, added: 1, merged: 1 },
    ]);
  });

  it("a run whose papers could not be stored says so for every source, and still fails", async () => {
    app.savePapers = () => Promise.reject(new Error("disk full"));
    const job = createIngestJob(
      app,
      [answering("arxiv", [aPaper("2611.00001", "arxiv")])],
      ["cs.LG"],
      silentLogger,
    );
    await expect(job()).rejects.toThrow("disk full");
    const [run] = await app.store.ingestRuns.latest();
    expect(run).toMatchObject({ source: "arxiv", added: 1, error: "could not store the papers: disk full" });
  });

  it("a run that cannot be recorded does not fail the ingestion", async () => {
    app.store.ingestRuns.record = () => Promise.reject(new Error("read-only"));
    await createIngestJob(
      app,
      [answering("arxiv", [aPaper("2611.00001", "arxiv")])],
      ["cs.LG"],
      silentLogger,
    )();
    expect((await app.store.papers.all()).some((paper) => paper.id === "2611.00001")).toBe(true);
  });
});
