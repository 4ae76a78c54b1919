import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIngestJob } from "../../src/app/ingest-job.js";
import { openApp, type App } from "../../src/app/open-app.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import type { PaperSource } from "../../src/sources/port.js";
import { RecordingTelemetry } from "./helpers.js";

function paper(id: string): Paper {
  return {
    id,
    title: `Quantum annealing schedules ${id}`,
    abstract: "We study quantum annealing schedules for protein folding.",
    authors: ["A. Author"],
    publishedAt: "2026-11-27T00:00:00Z",
    sources: ["arxiv"],
  };
}

describe("ingest and store telemetry", () => {
  let dataDir: string;
  let app: App;
  let telemetry: RecordingTelemetry;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-metrics-"));
    telemetry = new RecordingTelemetry();
    app = await openApp({ dataDir }, silentLogger, { telemetry });
  });

  afterEach(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("tells each source's run, failed or not, with the papers it added, and times the store's writes", async () => {
    const arxiv: PaperSource = {
      name: "arxiv",
      fetch: async () => [paper("2611.00001"), paper("2611.00002")],
    };
    const hf: PaperSource = {
      name: "hf",
      fetch: async () => {
        throw new Error("HTTP 503 from huggingface.co");
      },
    };

    await createIngestJob(app, [arxiv, hf], ["cs.LG"], silentLogger, telemetry)();

    expect(telemetry.ingestRuns).toEqual([
      { source: "arxiv", ok: true, added: 2 },
      { source: "hf", ok: false, added: 0 },
    ]);
    const methods = telemetry.writes.map((write) => write.method);
    expect(methods).toContain("papers.put");
    expect(methods.filter((method) => method === "ingestRuns.record")).toHaveLength(2);
    expect(telemetry.writes.every((write) => write.seconds >= 0)).toBe(true);
  });
});
