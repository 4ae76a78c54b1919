import { access, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DocumentVersionError, StorageCorruptError } from "../../../src/core/store/errors.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import type { ShardKind } from "../../../src/storage/files/record-data.js";
import { SHARD_COUNTS, shardName, shardOf } from "../../../src/storage/files/shard-hash.js";
import { aProfile, aSubscription, makeTempDir, recordingLogger } from "./helpers.js";

// profiles/57.json, subscriptions/57.json, deliveries/121.json, libraries/57.json, reading-lists/57.json, votes/57.json
const ada = "discord:user:1";
const noneSent = { ids: [], publishedAt: [] };
const library = {
  importedAt: "2024-03-01T00:00:00.000Z",
  papers: [
    { title: "Graph attention networks", authors: ["P. Veličković"], year: 2018, arxivId: "1710.10903" },
  ],
};
const saved = { paperId: "1710.10903", savedBy: "1", savedAt: "2024-03-01T00:00:00.000Z" };
const vote = { paperId: "1710.10903", member: "1", vote: 1, at: "2024-03-01T00:00:00.000Z" };

let dir: string;
let cleanup: () => Promise<void>;

function shardFile(kind: ShardKind, key: string): string {
  return path.join(dir, "state", kind, `${shardName(kind, shardOf(key, kind))}.json`);
}

/**
 * Opens the folder once, stores a profile, a subscription, a delivery, a library, a saved paper and
 * a vote for Ada, and closes it.
 */
async function seed(): Promise<void> {
  const store = await openFileStore(dir, { log: recordingLogger() });
  await store.profiles.update(ada, new Date(), (profile) => void profile.interests.push("rl"));
  await store.subscriptions.put(ada, aSubscription());
  await store.libraries.put(ada, library);
  await store.readingLists.save(ada, saved);
  await store.votes.cast(ada, vote.paperId, vote.member, 1, new Date(vote.at));
  await store.deliveries.recordUnsent(
    [{ key: ada, localDate: "2024-03-09", status: "skipped", reason: "-" }],
    new Date(),
  );
  await store.close();
}

async function openError(): Promise<unknown> {
  return openFileStore(dir, { log: recordingLogger() }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});

afterEach(async () => {
  await cleanup();
});

describe("shard files are checked when the store opens", () => {
  it.each<[ShardKind, string, string]>([
    ["profiles", "not JSON", '{"discord:user:1": {"interests": ['],
    ["subscriptions", "empty", ""],
    ["deliveries", "not JSON", "nul"],
    ["libraries", "not JSON", '{"discord:user:1": {"papers": [{'],
    ["reading-lists", "not JSON", '{"discord:user:1": [{"paperId"'],
    ["votes", "empty", ""],
  ])(
    "a %s shard that is %s is refused with StorageCorruptError naming it, and kept as it is",
    async (kind, _, text) => {
      await seed();
      const file = shardFile(kind, ada);
      await writeFile(file, text);
      const error = await openError();
      expect(error).toBeInstanceOf(StorageCorruptError);
      expect(error).toMatchObject({ file });
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/nothing was overwritten/i);
      expect(await readFile(file, "utf8")).toBe(text);
      // The lock was released: once the file is fixed, the folder opens.
      await expect(access(path.join(dir, "paperboy.lock"))).rejects.toMatchObject({ code: "ENOENT" });
    },
  );

  const sent = (ids: unknown, publishedAt: unknown): object => ({
    [ada]: { log: [], sent: { ids, publishedAt } },
  });
  it.each<[ShardKind, unknown, string]>([
    ["profiles", { [ada]: { ...aProfile(), liked: "p1" } }, `["${ada}"].liked`],
    ["subscriptions", { [ada]: { ...aSubscription(), days: "sometimes" } }, `["${ada}"].days`],
    [
      "deliveries",
      { [ada]: { log: [{ localDate: "2024-03-09" }], sent: noneSent } },
      `["${ada}"].log[0].status`,
    ],
    ["deliveries", { [ada]: { log: [], sent: { p1: "2024-03-08" } } }, `["${ada}"].sent.ids`],
    ["deliveries", sent(["p1", 2], [null, null]), `["${ada}"].sent.ids`],
    ["deliveries", sent(["p1", "p2"], [null]), `["${ada}"].sent.publishedAt`],
    ["deliveries", sent(["p1"], [3]), `["${ada}"].sent.publishedAt[0]`],
    ["deliveries", sent(["p1", "p2", "p1"], [null, null, null]), `["${ada}"].sent.ids[2] (repeats an id)`],
    ["profiles", [aProfile()], "(top level)"],
    ["libraries", { [ada]: { papers: [] } }, `["${ada}"].importedAt`],
    ["libraries", { [ada]: { ...library, papers: {} } }, `["${ada}"].papers`],
    [
      "libraries",
      { [ada]: { ...library, papers: [...library.papers, { title: "T", authors: "A. Author" }] } },
      `["${ada}"].papers[1].authors`,
    ],
    ["libraries", { [ada]: { ...library, papers: [{ authors: [] }] } }, `["${ada}"].papers[0].title`],
    [
      "libraries",
      { [ada]: { ...library, papers: [{ ...library.papers[0], year: "2018" }] } },
      `["${ada}"].papers[0].year`,
    ],
    [
      "libraries",
      { [ada]: { ...library, papers: [{ ...library.papers[0], doi: null }] } },
      `["${ada}"].papers[0].doi`,
    ],
    ["reading-lists", { [ada]: saved }, `at ["${ada}"])`],
    ["reading-lists", { [ada]: [saved, { ...saved, paperId: 7 }] }, `["${ada}"][1].paperId`],
    ["reading-lists", { [ada]: [{ ...saved, savedBy: null }] }, `["${ada}"][0].savedBy`],
    ["reading-lists", { [ada]: [{ paperId: "p", savedBy: "1" }] }, `["${ada}"][0].savedAt`],
    ["reading-lists", { [ada]: [{ ...saved, savedByName: 7 }] }, `["${ada}"][0].savedByName`],
    ["reading-lists", { [ada]: [saved, saved] }, `["${ada}"][1].paperId (repeats a paper)`],
    ["votes", { [ada]: [{ ...vote, vote: 0 }] }, `["${ada}"][0].vote`],
    ["votes", { [ada]: [{ ...vote, vote: "1" }] }, `["${ada}"][0].vote`],
    ["votes", { [ada]: [vote, { ...vote, member: 2 }] }, `["${ada}"][1].member`],
    ["votes", { [ada]: [{ ...vote, at: 1 }] }, `["${ada}"][0].at`],
    ["votes", { [ada]: [vote, { ...vote, vote: -1 }] }, `["${ada}"][1].member (votes twice on one paper)`],
  ])("a %s shard of the wrong shape is refused, naming the file and the field", async (kind, doc, field) => {
    await seed();
    const file = shardFile(kind, ada);
    await writeFile(file, JSON.stringify(doc));
    const error = await openError();
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(field);
  });

  it("a record in the wrong shard file is refused (it would be invisible to lookups)", async () => {
    await seed();
    const wrong = path.join(
      dir,
      "state",
      "profiles",
      shardName("profiles", (shardOf(ada, "profiles") + 1) % 64) + ".json",
    );
    await writeFile(wrong, JSON.stringify({ [ada]: aProfile() }));
    const error = await openError();
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(`belongs in 57.json`);
  });

  it("deliveries filed as if there were 64 delivery shards (057.json, not 121.json) are refused", async () => {
    await seed();
    // discord:user:1 is profiles/57.json but deliveries/121.json: 121 % 64 = 57.
    const wrong = path.join(dir, "state", "deliveries", "057.json");
    await writeFile(wrong, JSON.stringify({ [ada]: { log: [], sent: noneSent } }));
    const error = await openError();
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(wrong);
    expect((error as Error).message).toContain(`belongs in 121.json`);
  });

  it("sorts a delivery log written out of order, and refuses one that repeats a local date", async () => {
    await seed();
    const record = (localDate: string): object => ({
      localDate,
      status: "skipped",
      at: "x",
      paperIds: [],
      sentIds: [],
      late: false,
    });
    const file = shardFile("deliveries", ada);
    await writeFile(
      file,
      JSON.stringify({ [ada]: { log: [record("2024-03-09"), record("2024-03-08")], sent: noneSent } }),
    );
    const store = await openFileStore(dir, { log: recordingLogger() });
    expect((await store.deliveries.recent(ada, 5)).map((delivery) => delivery.localDate)).toEqual([
      "2024-03-09",
      "2024-03-08",
    ]);
    await store.close();
    await writeFile(
      file,
      JSON.stringify({ [ada]: { log: [record("2024-03-09"), record("2024-03-09")], sent: noneSent } }),
    );
    expect(await openError()).toBeInstanceOf(StorageCorruptError);
  });

  it("a folder written before libraries existed (no state/libraries) opens with none, read-only too", async () => {
    await seed();
    await rm(path.join(dir, "state", "libraries"), { recursive: true });
    const reader = await openFileStore(dir, { log: recordingLogger(), readOnly: true });
    expect(await reader.libraries.get(ada)).toBeUndefined();
    expect(await reader.counts()).toMatchObject({
      profiles: 1,
      subscriptions: 1,
      deliveries: 1,
      libraries: 0,
    });
    await reader.close();
    await expect(access(path.join(dir, "state", "libraries"))).rejects.toMatchObject({ code: "ENOENT" });

    const store = await openFileStore(dir, { log: recordingLogger() });
    expect((await store.snapshot()).libraries).toEqual(new Map());
    await store.libraries.put(ada, library);
    await store.close();
    expect(JSON.parse(await readFile(shardFile("libraries", ada), "utf8"))).toEqual({ [ada]: library });
  });

  it("a folder written before reading lists and votes (no state/reading-lists, state/votes) opens with none", async () => {
    await seed();
    await rm(path.join(dir, "state", "reading-lists"), { recursive: true });
    await rm(path.join(dir, "state", "votes"), { recursive: true });
    const reader = await openFileStore(dir, { log: recordingLogger(), readOnly: true });
    expect(await reader.readingLists.all(ada)).toEqual([]);
    expect(await reader.votes.totals(ada, [vote.paperId])).toEqual(
      new Map([[vote.paperId, { up: 0, down: 0 }]]),
    );
    expect(await reader.counts()).toMatchObject({ profiles: 1, libraries: 1, saved: 0, votes: 0 });
    await reader.close();
    await expect(access(path.join(dir, "state", "votes"))).rejects.toMatchObject({ code: "ENOENT" });

    const store = await openFileStore(dir, { log: recordingLogger() });
    const snapshot = await store.snapshot();
    expect([snapshot.saved, snapshot.votes]).toEqual([new Map(), new Map()]);
    expect(await store.readingLists.save(ada, saved)).toBe("saved");
    await store.votes.cast(ada, vote.paperId, vote.member, 1, new Date(vote.at));
    await store.close();
    expect(JSON.parse(await readFile(shardFile("reading-lists", ada), "utf8"))).toEqual({ [ada]: [saved] });
    expect(JSON.parse(await readFile(shardFile("votes", ada), "utf8"))).toEqual({ [ada]: [vote] });
  });

  it("sorts a reading list or votes written out of order, as the store answers them", async () => {
    await seed();
    const at = (day: number) => `2024-03-0${day}T00:00:00.000Z`;
    await writeFile(
      shardFile("reading-lists", ada),
      JSON.stringify({
        [ada]: [
          { ...saved, paperId: "old", savedAt: at(1) },
          { ...saved, savedAt: at(2) },
        ],
      }),
    );
    await writeFile(
      shardFile("votes", ada),
      JSON.stringify({
        [ada]: [
          { ...vote, paperId: "b" },
          { ...vote, paperId: "a", member: "2" },
          { ...vote, paperId: "a" },
        ],
      }),
    );
    const store = await openFileStore(dir, { log: recordingLogger() });
    expect((await store.readingLists.all(ada)).map((paper) => paper.paperId)).toEqual([saved.paperId, "old"]);
    const votes = (await store.snapshot()).votes.get(ada) ?? [];
    expect(votes.map((cast) => `${cast.paperId}/${cast.member}`)).toEqual(["a/1", "a/2", "b/1"]);
    expect(await store.votes.cast(ada, "a", "2", null, new Date(vote.at))).toEqual({ up: 1, down: 0 });
    await store.close();
  });

  it("refuses data written by a newer paperboy with DocumentVersionError", async () => {
    await seed();
    await writeFile(path.join(dir, "state", "format.json"), JSON.stringify({ version: 3 }));
    const error = await openError();
    expect(error).toBeInstanceOf(DocumentVersionError);
    expect((error as Error).message).toMatch(/upgrade paperboy/i);
  });

  it("refuses an unreadable format.json with StorageCorruptError naming it", async () => {
    await seed();
    const format = path.join(dir, "state", "format.json");
    await writeFile(format, "{");
    const error = await openError();
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toContain(format);
  });
});

describe("shardOf", () => {
  const keys = [
    "discord:user:1",
    "discord:user:2",
    "telegram:channel:-1002003",
    "console:user:bob",
    "discord:user:é",
    "discord:user:😀",
    "discord:user:\ud800", // a lone surrogate: hashed as U+FFFD, as TextEncoder writes it
  ];

  it("is FNV-1a of the key's UTF-8 bytes modulo the kind's shard count: fixed, since files depend on it", () => {
    expect(SHARD_COUNTS).toEqual({
      profiles: 64,
      subscriptions: 64,
      deliveries: 512,
      libraries: 64,
      "reading-lists": 64,
      votes: 64,
    });
    expect(keys.map((key) => shardOf(key, "profiles"))).toEqual([57, 0, 26, 10, 62, 27, 47]);
    expect(keys.map((key) => shardOf(key, "subscriptions"))).toEqual([57, 0, 26, 10, 62, 27, 47]);
    expect(keys.map((key) => shardOf(key, "libraries"))).toEqual([57, 0, 26, 10, 62, 27, 47]);
    expect(keys.map((key) => shardOf(key, "reading-lists"))).toEqual([57, 0, 26, 10, 62, 27, 47]);
    expect(keys.map((key) => shardOf(key, "votes"))).toEqual([57, 0, 26, 10, 62, 27, 47]);
    expect(keys.map((key) => shardOf(key, "deliveries"))).toEqual([121, 448, 346, 394, 190, 475, 175]);
  });

  it("names delivery shards 000..511 and the others 00..63", () => {
    expect([0, 7, 63].map((shard) => shardName("profiles", shard))).toEqual(["00", "07", "63"]);
    expect([0, 7, 511].map((shard) => shardName("deliveries", shard))).toEqual(["000", "007", "511"]);
  });

  it.each<[ShardKind, number]>([
    ["profiles", 6400],
    ["deliveries", 51200],
  ])("spreads %s over every shard", (kind, count) => {
    const counts = new Array<number>(SHARD_COUNTS[kind]).fill(0);
    for (let id = 0; id < count; id++) {
      const shard = shardOf(`telegram:user:${id}`, kind);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
  });
});
