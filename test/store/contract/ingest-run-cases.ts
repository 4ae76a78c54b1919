import { describe, expect, it } from "vitest";
import type { IngestRun } from "../../../src/core/records.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import { ada, aPaper, minutesAfter, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { emptySnapshot } from "./snapshot-fixture.js";

function aRun(source: string, overrides: Partial<IngestRun> = {}): IngestRun {
  return { source, at: t0.toISOString(), added: 12, merged: 3, ...overrides };
}

function aFailedRun(source: string, error: string, minutes = 0): IngestRun {
  return { source, at: minutesAfter(t0, minutes).toISOString(), added: 0, merged: 0, error };
}

/** ingestRuns: the latest run per source, and that copying a store leaves them out. */
export function ingestRunCases(handle: StoreHandle): void {
  describe("ingest runs", () => {
    it("a store that never ingested has no runs", async () => {
      expect(await handle.store.ingestRuns.latest()).toEqual([]);
    });

    it("answers each source's run exactly, by source name; a success has no error key", async () => {
      const { ingestRuns } = handle.store;
      await ingestRuns.record(aRun("rss", { added: 0, merged: 0 }));
      await ingestRuns.record(
        aFailedRun("arxiv", "HTTP 503 from export.arxiv.org: “Service Unavailable”", 5),
      );
      await ingestRuns.record(aRun("hf"));
      const latest = await ingestRuns.latest();
      expect(latest).toStrictEqual([
        aFailedRun("arxiv", "HTTP 503 from export.arxiv.org: “Service Unavailable”", 5),
        aRun("hf"),
        aRun("rss", { added: 0, merged: 0 }),
      ]);
      expect(Object.keys(latest[1] ?? {}).sort()).toEqual(["added", "at", "merged", "source"]);
    });

    it("a later run replaces its source's run, failed or not; other sources keep theirs", async () => {
      const { ingestRuns } = handle.store;
      await ingestRuns.record(aRun("hf"));
      await ingestRuns.record(aRun("arxiv"));
      await ingestRuns.record(aFailedRun("hf", "timed out after 30 s", 60));
      expect(await ingestRuns.latest()).toStrictEqual([
        aRun("arxiv"),
        aFailedRun("hf", "timed out after 30 s", 60),
      ]);
      const recovered = aRun("hf", { at: minutesAfter(t0, 120).toISOString(), added: 1, merged: 0 });
      await ingestRuns.record(recovered);
      expect(await ingestRuns.latest()).toStrictEqual([aRun("arxiv"), recovered]);
    });

    it("runs of several sources recorded at once all remain", async () => {
      const { ingestRuns } = handle.store;
      const sources = ["hf", "arxiv", "rss", "seed"];
      await Promise.all(sources.map((source, index) => ingestRuns.record(aRun(source, { added: index }))));
      expect(await ingestRuns.latest()).toStrictEqual(
        [...sources].sort().map((source) => aRun(source, { added: sources.indexOf(source) })),
      );
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const { ingestRuns } = handle.store;
      const given = aRun("hf");
      await ingestRuns.record(given);
      given.added = 99;
      given.error = "changed";
      const [got] = await ingestRuns.latest();
      if (got) got.merged = 42;
      expect(await ingestRuns.latest()).toStrictEqual([aRun("hf")]);
    });

    it("are not user data: snapshot and counts leave them out, replaceAll keeps a store's own", async () => {
      const store = handle.store;
      await store.ingestRuns.record(aRun("hf"));
      await store.profiles.update(ada, t0, (profile) => void profile.interests.push("graphs"));
      const snapshot = await store.snapshot();
      expect(Object.keys(snapshot).sort()).toEqual(Object.keys(emptySnapshot()).sort());
      expect(Object.keys(await store.counts())).not.toContain("ingestRuns");
      const other = await handle.fresh();
      await other.ingestRuns.record(aFailedRun("arxiv", "refused"));
      await other.replaceAll({ ...snapshot, papers: [aPaper("2403.00001")] });
      expect(await other.ingestRuns.latest()).toStrictEqual([aFailedRun("arxiv", "refused")]);
      await store.replaceAll(emptySnapshot());
      expect(await store.ingestRuns.latest()).toStrictEqual([aRun("hf")]);
    });
  });
}

/** Ingest runs survive a restart. */
export function ingestRunDurabilityCases(handle: StoreHandle): void {
  describe("ingest runs, after close and reopen", () => {
    it("each source's latest run is there after a restart", async () => {
      const { ingestRuns } = handle.store;
      await ingestRuns.record(aRun("hf"));
      await ingestRuns.record(aFailedRun("arxiv", "HTTP 429"));
      await ingestRuns.record(aRun("arxiv", { added: 4 }));
      const store = await handle.reopen();
      expect(await store.ingestRuns.latest()).toStrictEqual([aRun("arxiv", { added: 4 }), aRun("hf")]);
    });
  });
}

/** An instance sees the runs another one recorded: only one instance ingests. */
export function sharedIngestRunCases(handle: StoreHandle): void {
  describe("ingest runs, several instances on one storage", () => {
    it("what the ingesting instance records, every other instance reads", async () => {
      const second = await handle.another();
      await handle.store.ingestRuns.record(aFailedRun("rss", "not XML"));
      expect(await second.ingestRuns.latest()).toStrictEqual([aFailedRun("rss", "not XML")]);
    });
  });
}

/** A record the storage refuses rejects with StoreWriteError and keeps the run before it. */
export function ingestRunFailureCases(handle: StoreHandle): void {
  describe("ingest runs, when a write fails", () => {
    it("a failed record rejects with StoreWriteError and keeps the previous run; the next one works", async () => {
      const { ingestRuns } = handle.store;
      await ingestRuns.record(aRun("hf"));
      handle.failNextWrite();
      await expect(ingestRuns.record(aFailedRun("hf", "x"))).rejects.toBeInstanceOf(StoreWriteError);
      expect(await ingestRuns.latest()).toStrictEqual([aRun("hf")]);
      await ingestRuns.record(aFailedRun("hf", "y"));
      expect(await ingestRuns.latest()).toStrictEqual([aFailedRun("hf", "y")]);
    });
  });
}
