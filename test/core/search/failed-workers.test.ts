import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as WorkerScript from "../../../src/core/search/worker-script.js";
import type { WorkerEntry } from "../../../src/core/search/worker-script.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

/** The workers that fail at their first message, and every worker a build started, with when it exits. */
const failing = new Set<WorkerEntry>();
const started: Array<{ entry: WorkerEntry; worker: Worker; exited: Promise<unknown> }> = [];

vi.mock("../../../src/core/search/worker-script.js", async (importOriginal) => {
  const actual = await importOriginal<typeof WorkerScript>();
  return {
    ...actual,
    startWorker(entry: WorkerEntry, resourceLimits = {}) {
      const worker = failing.has(entry)
        ? new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(3));", {
            eval: true,
          })
        : actual.startWorker(entry, resourceLimits);
      started.push({ entry, worker, exited: once(worker, "exit") });
      return worker;
    },
  };
});

const papers = syntheticCorpus(1500, 23);
const QUERIES = ["graph neural networks", "diffusion models for video", "language model reasoning"];

function answers(index: TfIdfIndex): unknown[] {
  return QUERIES.map((query) => index.search(query, { limit: 10 }).results.map((hit) => [hit.id, hit.score]));
}

/** Whether every worker started has exited, or some still run after `ms`. */
async function allExited(ms: number): Promise<boolean> {
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([Promise.all(started.map((worker) => worker.exited)).then(() => true), timer]);
}

afterEach(async () => {
  // A worker left running would keep the test process alive.
  await Promise.all(started.map(({ worker }) => worker.terminate()));
  failing.clear();
  started.length = 0;
});

describe("A build whose worker fails", () => {
  it.each<[string, WorkerEntry[]]>([
    ["the counting worker: it counts every page again on this thread", ["count-worker"]],
    ["the inverting worker: this thread inverts the worker's share too", ["invert-worker"]],
    ["both workers", ["count-worker", "invert-worker"]],
  ])("answers as the single-thread build when it is %s, and leaves no worker running", async (_, entries) => {
    for (const entry of entries) failing.add(entry);
    const index = await TfIdfIndex.buildAsync(papers, undefined, 2);

    expect(index.size).toBe(papers.length);
    expect(answers(index)).toEqual(answers(TfIdfIndex.build(papers)));
    expect(started.map((worker) => worker.entry)).toEqual(expect.arrayContaining(entries));
    expect(await allExited(3000)).toBe(true);
  });
});
