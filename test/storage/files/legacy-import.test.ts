import { access, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotState } from "../../../src/storage/files/legacy/types.js";
import { StorageCorruptError } from "../../../src/core/store/errors.js";
import type { Store } from "../../../src/core/store/port.js";
import { legacyStateToRecords } from "../../../src/storage/files/legacy-records.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import { aSubscription, makeTempDir, recordingLogger } from "./helpers.js";

const ada = "discord:user:42";
const lab = "telegram:channel:-100123";

/** A version 1 state.json as paperboy 0.x wrote it, with every kind of delivery record. */
const stateV1: BotState = {
  version: 1,
  profiles: {
    [ada]: {
      interests: ["rl"],
      liked: ["2410.00001"],
      disliked: ["2410.00002"],
      updatedAt: "2025-01-01T00:00:00Z",
    },
  },
  subscriptions: {
    [ada]: aSubscription({ chatId: "42", ownerId: "42" }),
    [lab]: aSubscription({ chatId: "-100123", paused: { reason: "kicked", at: "2025-01-03T00:00:00Z" } }),
  },
  deliveries: {
    [ada]: [
      {
        localDate: "2025-01-01",
        at: "2025-01-01T07:00:00Z",
        status: "sent",
        paperIds: ["a"],
        sentIds: ["a"],
      },
      {
        localDate: "2025-01-02",
        at: "2025-01-02T07:00:00Z",
        status: "skipped",
        paperIds: [],
        sentIds: [],
        late: false,
        error: "quiet",
      },
      {
        localDate: "2025-01-03",
        at: "2025-01-03T07:00:00Z",
        status: "sending",
        paperIds: ["b", "c"],
        sentIds: ["b"],
        late: true,
      },
    ],
    [lab]: [
      {
        localDate: "2025-01-02",
        at: "2025-01-02T07:00:00Z",
        status: "failed",
        paperIds: ["d"],
        sentIds: [],
        error: "chat not found",
      },
    ],
  },
  sent: { [ada]: ["a", "b", "c"], [lab]: ["d"] },
};

let dir: string;
let cleanup: () => Promise<void>;
let stateFile: string;
let log: ReturnType<typeof recordingLogger>;
let opened: Store[];

async function open(options: { readOnly?: boolean } = {}): Promise<Store> {
  const store = await openFileStore(dir, { log, ...options });
  opened.push(store);
  return store;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  stateFile = path.join(dir, "state.json");
  log = recordingLogger();
  opened = [];
});

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cleanup();
});

describe("importing the state.json of an earlier paperboy", () => {
  it("imports a version 1 state: records, sent history, interrupted sends failed", async () => {
    await writeFile(stateFile, JSON.stringify(stateV1));
    const store = await open();

    expect(await store.profiles.get(ada)).toEqual(stateV1.profiles[ada]);
    expect(await store.subscriptions.get(lab)).toEqual(stateV1.subscriptions[lab]);
    expect(await store.subscriptions.count()).toBe(2);
    expect(await store.deliveries.recent(ada, 10)).toStrictEqual([
      {
        key: ada,
        localDate: "2025-01-03",
        at: "2025-01-03T07:00:00Z",
        status: "failed",
        error: "interrupted while sending (imported)",
        paperIds: ["b", "c"],
        sentIds: ["b"],
        late: true,
      },
      {
        key: ada,
        localDate: "2025-01-02",
        at: "2025-01-02T07:00:00Z",
        status: "skipped",
        error: "quiet",
        paperIds: [],
        sentIds: [],
        late: false,
      },
      {
        key: ada,
        localDate: "2025-01-01",
        at: "2025-01-01T07:00:00Z",
        status: "sent",
        paperIds: ["a"],
        sentIds: ["a"],
        late: false,
      },
    ]);
    const history = await store.deliveries.historyOf([ada, lab]);
    expect(history.get(ada)).toEqual({
      sent: ["a", "b", "c"],
      lastLocalDate: "2025-01-03",
      lastSentAt: "2025-01-03T07:00:00Z",
    });
    expect(history.get(lab)).toEqual({ sent: ["d"], lastLocalDate: "2025-01-02" });
    // Undated sent papers are kept by prune: their publication date is unknown.
    expect(
      await store.deliveries.prune({ deliveriesBefore: "2000-01-01", sentPublishedBefore: new Date() }),
    ).toEqual({ deliveries: 0, sent: 0 });
  });

  it("keeps state.json as state.json.imported, leaves its .bak, writes format.json and logs what it imported", async () => {
    await writeFile(stateFile, JSON.stringify(stateV1));
    await writeFile(`${stateFile}.bak`, JSON.stringify(stateV1));
    await open();
    expect(await exists(stateFile)).toBe(false);
    expect(JSON.parse(await readFile(`${stateFile}.imported`, "utf8"))).toEqual(stateV1);
    expect(await exists(`${stateFile}.bak`)).toBe(true);
    expect(await readFile(path.join(dir, "state", "format.json"), "utf8")).toBe('{"version":2}');
    const info = log.lines.find((line) => line.level === "info" && line.msg.startsWith("Imported"));
    expect(info?.obj).toMatchObject({ profiles: 1, subscriptions: 2, deliveries: 4, sentPapers: 4 });
    expect(log.messages("warn")).toEqual([]);
  });

  it("imports once: after a restart the shards are read, whatever state.json.bak holds", async () => {
    await writeFile(stateFile, JSON.stringify(stateV1));
    const first = await open();
    await first.profiles.update(
      ada,
      new Date("2025-02-01T00:00:00Z"),
      (profile) => void profile.liked.push("z"),
    );
    await first.close();
    const store = await open();
    expect((await store.profiles.get(ada))?.liked).toEqual(["2410.00001", "z"]);
    expect(log.lines.filter((line) => line.msg.startsWith("Imported"))).toHaveLength(1);
  });

  it("imports a version 0 state (interests only, indented, no version)", async () => {
    const v0 = {
      users: { "discord:42": { interests: ["RL", "rl"] } },
      channels: { "telegram:-100123": { interests: ["diffusion"] } },
    };
    await writeFile(stateFile, JSON.stringify(v0, null, 2));
    const store = await open();
    expect((await store.profiles.get(ada))?.interests).toEqual(["RL"]);
    expect((await store.profiles.get(lab))?.interests).toEqual(["diffusion"]);
    expect(await store.subscriptions.count()).toBe(0);
  });

  it("imports a version 0 state with users only, and an empty version 1 state", async () => {
    await writeFile(stateFile, JSON.stringify({ users: {} }));
    await expect(open()).resolves.toBeDefined();
    await opened.pop()?.close();
    const other = await makeTempDir();
    try {
      await writeFile(
        path.join(other.dir, "state.json"),
        JSON.stringify({ version: 1, profiles: {}, subscriptions: {}, deliveries: {}, sent: {} }),
      );
      const store = await openFileStore(other.dir, { log });
      expect(await store.subscriptions.count()).toBe(0);
      await store.close();
    } finally {
      await other.cleanup();
    }
  });

  it("restores {} from a good state.json.bak, warning with both names", async () => {
    await writeFile(stateFile, "{}");
    await writeFile(`${stateFile}.bak`, JSON.stringify(stateV1));
    const store = await open();
    expect(await store.profiles.get(ada)).toEqual(stateV1.profiles[ada]);
    const [warning, ...more] = log.messages("warn");
    expect(more).toEqual([]);
    expect(warning).toContain(stateFile);
    expect(warning).toContain(`${stateFile}.bak`);
  });

  it.each([
    ["not JSON", '{"version": 1, "prof'],
    ["empty", ""],
    ["a wrong version", JSON.stringify({ ...stateV1, version: 7 })],
    ["a wrong field type", JSON.stringify({ ...stateV1, profiles: { [ada]: { interests: "rl" } } })],
    ["a bare array", "[]"],
  ])("restores a state.json that is %s from state.json.bak", async (_, text) => {
    await writeFile(stateFile, text);
    await writeFile(`${stateFile}.bak`, JSON.stringify(stateV1));
    const store = await open();
    expect(await store.subscriptions.count()).toBe(2);
    expect(log.messages("warn")).toHaveLength(1);
  });

  it("imports state.json.bak when state.json is missing", async () => {
    await writeFile(`${stateFile}.bak`, JSON.stringify(stateV1));
    const store = await open();
    expect(await store.subscriptions.count()).toBe(2);
    expect(log.messages("warn")[0]).toContain(`${stateFile} is missing`);
  });

  it("refuses {} without a backup with StorageCorruptError naming both files, and writes nothing", async () => {
    await writeFile(stateFile, "{}");
    const error = await open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect(error).toMatchObject({ file: stateFile, backup: `${stateFile}.bak` });
    expect((error as Error).message).toContain(stateFile);
    expect((error as Error).message).toContain(`${stateFile}.bak`);
    expect(await readFile(stateFile, "utf8")).toBe("{}");
    expect(await exists(path.join(dir, "state", "format.json"))).toBe(false);
    expect(await exists(path.join(dir, "paperboy.lock"))).toBe(false);
  });

  it("refuses when both state.json and its backup are bad", async () => {
    await writeFile(stateFile, "{");
    await writeFile(`${stateFile}.bak`, JSON.stringify({ version: 1 }));
    await expect(open()).rejects.toThrow(/state\.json\.bak is unreadable/);
  });

  it("read-only, loads state.json without importing it", async () => {
    await writeFile(stateFile, JSON.stringify(stateV1));
    const store = await open({ readOnly: true });
    expect(await store.subscriptions.count()).toBe(2);
    expect(await exists(stateFile)).toBe(true);
    expect(await exists(path.join(dir, "state"))).toBe(false);
  });

  it("an import interrupted before format.json is written runs again, replacing leftover shards", async () => {
    await writeFile(stateFile, JSON.stringify(stateV1));
    await (await open()).close();
    await writeFile(stateFile, JSON.stringify({ ...stateV1, subscriptions: {} }));
    const { rm } = await import("node:fs/promises");
    await rm(path.join(dir, "state", "format.json"));
    const store = await open();
    expect(await store.subscriptions.count()).toBe(0);
    expect(
      (await readdir(path.join(dir, "state", "subscriptions"))).filter((name) => name.endsWith(".json")),
    ).toEqual([]);
  });
});

describe("legacyStateToRecords", () => {
  it("converts without sharing anything with the state", () => {
    const state = structuredClone(stateV1);
    const records = legacyStateToRecords(state);
    expect(records.sent).toEqual(
      new Map([
        [ada, [{ id: "a" }, { id: "b" }, { id: "c" }]],
        [lab, [{ id: "d" }]],
      ]),
    );
    expect(records.deliveries.map((record) => [record.key, record.localDate, record.status])).toEqual([
      [ada, "2025-01-01", "sent"],
      [ada, "2025-01-02", "skipped"],
      [ada, "2025-01-03", "failed"],
      [lab, "2025-01-02", "failed"],
    ]);
    records.profiles.get(ada)?.liked.push("changed");
    records.deliveries[0]?.paperIds.push("changed");
    expect(state).toEqual(stateV1);
  });

  it("keeps the last record of a local date recorded twice, and drops fields records do not have", () => {
    const state = structuredClone(stateV1);
    state.deliveries[lab]?.push({
      localDate: "2025-01-02",
      at: "x",
      status: "sent",
      paperIds: ["e"],
      sentIds: ["e"],
    });
    (state.profiles[ada] as unknown as Record<string, unknown>).language = "fr";
    const records = legacyStateToRecords(state);
    expect(records.deliveries.filter((record) => record.key === lab)).toEqual([
      {
        key: lab,
        localDate: "2025-01-02",
        at: "x",
        status: "sent",
        paperIds: ["e"],
        sentIds: ["e"],
        late: false,
      },
    ]);
    expect(records.profiles.get(ada)).toEqual(stateV1.profiles[ada]);
  });
});
