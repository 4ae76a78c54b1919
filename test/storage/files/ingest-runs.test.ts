import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IngestRun } from "../../../src/core/records.js";
import { StoreReadOnlyError } from "../../../src/core/store/errors.js";
import type { Store } from "../../../src/core/store/port.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import { makeTempDir, recordingLogger } from "./helpers.js";

const run: IngestRun = { source: "hf", at: "2024-03-10T05:30:00.000Z", added: 12, merged: 3 };

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let opened: Store[];
let log: ReturnType<typeof recordingLogger>;

async function open(options: { readOnly?: boolean } = {}): Promise<Store> {
  const store = await openFileStore(dir, { log, ...options });
  opened.push(store);
  return store;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = path.join(dir, "state", "ingest-runs.json");
  opened = [];
  log = recordingLogger();
});

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cleanup();
});

describe("ingest runs in the data folder", () => {
  it("are kept in state/ingest-runs.json, with a backup beside it", async () => {
    const store = await open();
    await store.ingestRuns.record(run);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ runs: [run] });
    expect(JSON.parse(await readFile(`${file}.bak`, "utf8"))).toEqual({ runs: [run] });
  });

  it("an unreadable file does not keep paperboy from starting: the runs start empty, and the file is set aside", async () => {
    const first = await open();
    await first.profiles.update("telegram:user:7", new Date(run.at), (profile) => {
      profile.interests.push("graphs");
    });
    await first.close();
    await writeFile(file, "{ not json");
    await writeFile(`${file}.bak`, "");
    const store = await open();
    expect(await store.ingestRuns.latest()).toEqual([]);
    expect(log.messages("warn").join("\n")).toContain("ingest-runs.json");
    expect((await store.profiles.get("telegram:user:7"))?.interests).toEqual(["graphs"]);
    await store.ingestRuns.record(run);
    expect(await store.ingestRuns.latest()).toEqual([run]);
    const names = await readdir(path.dirname(file));
    expect(names.some((name) => name.startsWith("ingest-runs.json.corrupt-"))).toBe(true);
  });

  it("drops runs of the wrong shape and keeps the others", async () => {
    await (await open()).close();
    await writeFile(file, JSON.stringify({ runs: [run, { source: "arxiv", at: 5 }, null] }));
    const store = await open();
    expect(await store.ingestRuns.latest()).toEqual([run]);
  });

  it("a read-only store reads them and refuses to record", async () => {
    await (await open()).ingestRuns.record(run);
    await opened[0]?.close();
    const store = await open({ readOnly: true });
    expect(await store.ingestRuns.latest()).toEqual([run]);
    await expect(store.ingestRuns.record(run)).rejects.toBeInstanceOf(StoreReadOnlyError);
  });
});
