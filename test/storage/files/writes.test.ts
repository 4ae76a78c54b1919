import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import type { BotState } from "../../../src/storage/files/legacy/types.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { NewClaim, Store } from "../../../src/core/store/port.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import type { ShardKind } from "../../../src/storage/files/record-data.js";
import { shardName, shardOf } from "../../../src/storage/files/shard-hash.js";
import type { IoRecorder } from "./helpers.js";
import { aProfile, aSubscription, makeTempDir, recordingIo, recordingLogger } from "./helpers.js";

const now = new Date("2024-03-10T07:00:00.000Z");
const lease = { owner: "instance-A", until: new Date("2024-03-10T07:10:00.000Z") };
const reply = { kind: "papers" as const, lines: ["Today"], cards: [], buttons: [] };
const ada = "discord:user:1"; // profiles/57.json, deliveries/121.json
const bob = "discord:user:2"; // profiles/00.json, deliveries/448.json

let dir: string;
let cleanup: () => Promise<void>;
let recorder: IoRecorder;
let store: Store;

function claimOf(key: string, localDate = "2024-03-10"): NewClaim {
  return { key, localDate, papers: [{ id: "p1" }], reply, chatId: "c", late: false };
}

function shardFile(kind: ShardKind, key: string): string {
  return path.join(dir, "state", kind, `${shardName(kind, shardOf(key, kind))}.json`);
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, "utf8"));
}

async function reopen(): Promise<Store> {
  await store.close();
  store = await openFileStore(dir, { log: recordingLogger(), io: recorder.io });
  return store;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  recorder = recordingIo();
  store = await openFileStore(dir, { log: recordingLogger(), io: recorder.io });
});

afterEach(async () => {
  await store.close();
  await cleanup();
});

describe("the layout in DATA_DIR", () => {
  it("keeps each kind of record in its shard files, as compact JSON", async () => {
    await store.profiles.update(ada, now, (profile) => void profile.interests.push("rl"));
    await store.subscriptions.put(ada, aSubscription());
    await store.deliveries.claim(
      [
        {
          key: ada,
          localDate: "2024-03-10",
          papers: [{ id: "p1", publishedAt: "2024-03-08" }, { id: "p2" }],
          reply,
          chatId: "c",
          late: false,
        },
      ],
      lease,
      now,
    );

    expect(await readFile(path.join(dir, "state", "format.json"), "utf8")).toBe('{"version":2}');
    expect(await readJson(shardFile("profiles", ada))).toEqual({
      [ada]: { interests: ["rl"], liked: [], disliked: [], updatedAt: now.toISOString() },
    });
    expect(await readJson(shardFile("subscriptions", ada))).toEqual({ [ada]: aSubscription() });
    const deliveries = await readFile(shardFile("deliveries", ada), "utf8");
    expect(deliveries).not.toContain("\n");
    expect(JSON.parse(deliveries)).toEqual({
      [ada]: {
        log: [
          {
            localDate: "2024-03-10",
            status: "claimed",
            at: now.toISOString(),
            paperIds: ["p1", "p2"],
            sentIds: [],
            late: false,
            owner: "instance-A",
            leaseUntil: lease.until.toISOString(),
            reply,
            chatId: "c",
          },
        ],
        sent: { ids: ["p1", "p2"], publishedAt: ["2024-03-08", null] },
      },
    });
    for (const kind of ["profiles", "deliveries"] as const) {
      expect((await readdir(path.join(dir, "state", kind))).filter((name) => !name.startsWith("."))).toEqual([
        path.basename(shardFile(kind, ada)),
      ]);
    }
    expect(path.basename(shardFile("profiles", ada))).toBe("57.json");
    expect(path.basename(shardFile("deliveries", ada))).toBe("121.json");
  });

  it("keeps the corpus in corpus.json with its backup", async () => {
    const paper: Paper = { id: "2401.00001", title: "T", abstract: "A", authors: ["B"], sources: ["arxiv"] };
    await store.papers.put([paper]);
    const expected = { version: 1, papers: [paper], stamps: [1], papersVersion: 1 };
    expect(await readJson(path.join(dir, "corpus.json"))).toEqual(expected);
    expect(await readJson(path.join(dir, "corpus.json.bak"))).toEqual(expected);
  });
});

describe("the corpus", () => {
  const paper = (id: string, title = `Paper ${id}`): Paper => ({
    id,
    title,
    abstract: "A",
    authors: ["B"],
    sources: ["arxiv"],
  });

  it("a papers version taken before a restart answers the same papers after it", async () => {
    await store.papers.put([paper("a"), paper("b")]);
    await store.papers.put([paper("a", "Revised")]);
    const before = await store.papers.version();
    await store.papers.put([paper("c")]);
    store = await reopen();
    const changed = await store.papers.changedSince(before);
    expect(changed.papers.map((p) => p.id)).toEqual(["c"]);
    expect(await store.papers.version()).toBe(changed.version);
    await store.papers.put([paper("d")]);
    expect((await store.papers.changedSince(changed.version)).papers.map((p) => p.id)).toEqual(["d"]);
  });

  it.each([
    ["a bare array of papers without sources (format 0)", false],
    ["a version 1 document without stamps", true],
  ])("reads a corpus.json of an earlier paperboy: %s", async (_, versioned) => {
    await store.close();
    const { sources: _sources, ...unsourced } = paper("a");
    const text = versioned
      ? JSON.stringify({ version: 1, papers: [paper("a"), paper("b")] })
      : JSON.stringify([unsourced, paper("b")], null, 2);
    await writeFile(path.join(dir, "corpus.json"), text);
    store = await openFileStore(dir, { log: recordingLogger(), io: recorder.io });
    expect(await store.papers.all()).toEqual(
      [paper("a", "Paper a"), paper("b")].map((p, at) =>
        at === 0 && !versioned ? { ...p, sources: ["seed"] } : p,
      ),
    );
    const version = await store.papers.version();
    await store.papers.put([paper("c")]);
    expect((await store.papers.changedSince(version)).papers.map((p) => p.id)).toEqual(["c"]);
  });
});

describe("durable writes", () => {
  it("fsyncs the temp file before renaming it over the shard, and the folder after", async () => {
    recorder.calls.length = 0;
    await store.profiles.update(ada, now, (profile) => void profile.liked.push("2401.00001"));
    const file = shardFile("profiles", ada);
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
    const folder = path.dirname(file);
    expect(recorder.calls).toEqual([
      `open w ${temp}`,
      `write ${temp}`,
      `sync ${temp}`,
      `rename ${temp} ${file}`,
      `open r ${folder}`,
      `sync ${folder}`,
    ]);
  });

  it("a change writing several shards of a folder fsyncs the folder once, after their renames", async () => {
    recorder.calls.length = 0;
    await store.deliveries.claim([claimOf(ada), claimOf(bob)], lease, now);
    const folder = path.join(dir, "state", "deliveries");
    const renames = recorder.calls.filter((call) => call.startsWith("rename "));
    expect(renames.map((call) => call.split(" ")[2])).toEqual(
      expect.arrayContaining([shardFile("deliveries", ada), shardFile("deliveries", bob)]),
    );
    expect(recorder.calls.filter((call) => call.startsWith("sync ") && !call.endsWith(".tmp"))).toEqual([
      `sync ${folder}`,
    ]);
    expect(recorder.calls.at(-1)).toBe(`sync ${folder}`);
  });

  it("a 👍 rewrites one profile shard and nothing else", async () => {
    // 200 targets with a profile, a subscription and deliveries, through the one-shot import.
    const keys = Array.from({ length: 200 }, (_, index) => `telegram:user:${index}`);
    const state = { version: 1, profiles: {}, subscriptions: {}, deliveries: {}, sent: {} } as BotState;
    for (const key of keys) {
      state.profiles[key] = aProfile({ interests: [`topic ${key}`] });
      state.subscriptions[key] = aSubscription();
      state.deliveries[key] = [
        { localDate: "2024-03-09", at: now.toISOString(), status: "sent", paperIds: ["p1"], sentIds: ["p1"] },
      ];
      state.sent[key] = ["p1"];
    }
    await store.close();
    await writeFile(path.join(dir, "state.json"), JSON.stringify(state));
    await rm(path.join(dir, "state", "format.json"));
    store = await openFileStore(dir, { log: recordingLogger(), io: recorder.io });
    const stateFiles = await listFiles(path.join(dir, "state"));
    const past = new Date("2020-01-01T00:00:00Z");
    for (const file of stateFiles) await utimes(file, past, past);

    recorder.calls.length = 0;
    await store.profiles.update("telegram:user:7", now, (profile) => void profile.liked.push("2401.00009"));

    const target = shardFile("profiles", "telegram:user:7");
    expect(recorder.calls.filter((call) => call.startsWith("rename "))).toEqual([
      `rename ${path.join(path.dirname(target), `.${path.basename(target)}.tmp`)} ${target}`,
    ]);
    for (const file of stateFiles) {
      const changed = (await stat(file)).mtime.getTime() !== past.getTime();
      expect([file, changed]).toEqual([file, file === target]);
    }
  });
});

describe("libraries", () => {
  const library = (title: string) => ({
    importedAt: now.toISOString(),
    papers: [{ title, abstract: "A".repeat(2_000), authors: ["B"], year: 2024 }],
  });

  /** 200 targets with a profile and a library; every state file then dated 2020. */
  async function manyTargets(): Promise<{ keys: string[]; stateFiles: string[]; past: Date }> {
    const keys = Array.from({ length: 200 }, (_, index) => `telegram:user:${index}`);
    await Promise.all(
      keys.flatMap((key) => [
        store.profiles.update(key, now, (profile) => void profile.interests.push(`topic ${key}`)),
        store.libraries.put(key, library(key)),
      ]),
    );
    const stateFiles = await listFiles(path.join(dir, "state"));
    const past = new Date("2020-01-01T00:00:00Z");
    for (const file of stateFiles) await utimes(file, past, past);
    return { keys, stateFiles, past };
  }

  async function changedFiles(stateFiles: string[], past: Date): Promise<string[]> {
    const changed: string[] = [];
    for (const file of stateFiles) {
      if ((await stat(file)).mtime.getTime() !== past.getTime()) changed.push(file);
    }
    return changed;
  }

  it("an import rewrites its target's one library shard and nothing else", async () => {
    const { stateFiles, past } = await manyTargets();
    recorder.calls.length = 0;
    await store.libraries.put("telegram:user:7", library("again"));
    const target = shardFile("libraries", "telegram:user:7");
    expect(path.relative(dir, target)).toMatch(/^state\/libraries\/\d\d\.json$/);
    expect(recorder.calls.filter((call) => call.startsWith("rename "))).toEqual([
      `rename ${path.join(path.dirname(target), `.${path.basename(target)}.tmp`)} ${target}`,
    ]);
    expect(await changedFiles(stateFiles, past)).toEqual([target]);
    const stored = (await readJson(target)) as Record<string, unknown>;
    expect(stored["telegram:user:7"]).toEqual(library("again"));
  });

  it("a 👍 never rewrites a library", async () => {
    const { stateFiles, past } = await manyTargets();
    await store.profiles.update("telegram:user:7", now, (profile) => void profile.liked.push("2401.00009"));
    expect(await changedFiles(stateFiles, past)).toEqual([shardFile("profiles", "telegram:user:7")]);
  });

  it("a 👍 does not wait for a library write in progress", async () => {
    const release = recorder.holdOpens(/libraries\/\.\d\d\.json\.tmp$/);
    const importing = store.libraries.put(bob, library("big"));
    await store.profiles.update(bob, now, (profile) => void profile.liked.push("p1"));
    expect((await store.profiles.get(bob))?.liked).toEqual(["p1"]);
    expect(await store.libraries.get(bob)).toBeUndefined();
    release();
    await importing;
    expect(await store.libraries.get(bob)).toEqual(library("big"));
  });

  it("a library of the wrong shape is refused with TypeError naming the field, before anything is written", async () => {
    const bad = { importedAt: now.toISOString(), papers: [{ title: "T", authors: ["A"], year: 2024.5 }] };
    const error = await store.libraries.put(ada, bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("papers[0].year");
    expect(await store.libraries.get(ada)).toBeUndefined();
    expect(await readdir(path.join(dir, "state", "libraries"))).toEqual([]);
  });

  it("a library that cannot be written rejects with StoreWriteError naming the file and keeps the old one", async () => {
    await store.libraries.put(ada, library("old"));
    const file = shardFile("libraries", ada);
    const onDisk = await readFile(file, "utf8");
    recorder.failOpens(/libraries\/\.\d\d\.json\.tmp$/);
    const error = await store.libraries.put(ada, library("new")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as StoreWriteError).location).toBe(file);
    expect(await readFile(file, "utf8")).toBe(onDisk);
    store = await reopen();
    expect(await store.libraries.get(ada)).toEqual(library("old"));
  });
});

describe("reading lists and votes", () => {
  const saved = (paperId: string) => ({ paperId, savedBy: "7", savedAt: now.toISOString() });
  const renames = () => recorder.calls.filter((call) => call.startsWith("rename "));

  it("a save and a vote each rewrite their target's one shard; one that changes nothing writes nothing", async () => {
    recorder.calls.length = 0;
    expect(await store.readingLists.save(ada, saved("p1"))).toBe("saved");
    const list = shardFile("reading-lists", ada);
    expect(path.relative(dir, list)).toMatch(/^state\/reading-lists\/\d\d\.json$/);
    expect(renames()).toEqual([
      `rename ${path.join(path.dirname(list), `.${path.basename(list)}.tmp`)} ${list}`,
    ]);
    expect(await readJson(list)).toEqual({ [ada]: [saved("p1")] });

    recorder.calls.length = 0;
    await store.votes.cast(ada, "p1", "7", 1, now);
    const votes = shardFile("votes", ada);
    expect(renames()).toEqual([
      `rename ${path.join(path.dirname(votes), `.${path.basename(votes)}.tmp`)} ${votes}`,
    ]);
    expect(await readJson(votes)).toEqual({
      [ada]: [{ paperId: "p1", member: "7", vote: 1, at: now.toISOString() }],
    });

    recorder.calls.length = 0;
    expect(await store.readingLists.save(ada, saved("p1"))).toBe("already-saved");
    expect(await store.readingLists.unsave(ada, "never")).toBe(false);
    await store.votes.cast(ada, "p1", "7", 1, now);
    await store.votes.cast(ada, "p1", "8", null, now);
    expect(renames()).toEqual([]);
  });

  it("a target's last unsave and withdrawal leave no record of it in the shard", async () => {
    await store.readingLists.save(ada, saved("p1"));
    await store.readingLists.save(bob, saved("p1"));
    await store.votes.cast(ada, "p1", "7", -1, now);
    await store.readingLists.unsave(ada, "p1");
    await store.votes.cast(ada, "p1", "7", null, now);
    expect(await readJson(shardFile("reading-lists", ada))).toEqual({});
    expect(await readJson(shardFile("votes", ada))).toEqual({});
    expect(await readJson(shardFile("reading-lists", bob))).toEqual({ [bob]: [saved("p1")] });
  });

  it("50 votes at once are saved in one write of their shard", async () => {
    recorder.calls.length = 0;
    const members = Array.from({ length: 50 }, (_, index) => `m${index}`);
    await Promise.all(members.map((member) => store.votes.cast(ada, "p1", member, 1, now)));
    expect(renames()).toHaveLength(1);
    store = await reopen();
    expect(await store.votes.totals(ada, ["p1"])).toEqual(new Map([["p1", { up: 50, down: 0 }]]));
  });

  it("a vote does not wait for a reading-list write in progress", async () => {
    const release = recorder.holdOpens(/reading-lists\/\.\d\d\.json\.tmp$/);
    const saving = store.readingLists.save(bob, saved("p1"));
    let done = false;
    void saving.then(() => (done = true));
    expect(await store.votes.cast(ada, "p1", "7", 1, now)).toEqual({ up: 1, down: 0 });
    expect(done).toBe(false);
    expect(await store.readingLists.all(bob)).toEqual([]);
    release();
    expect(await saving).toBe("saved");
  });

  it("a vote that cannot be written rejects with StoreWriteError naming the file, and counts nothing", async () => {
    await store.votes.cast(ada, "p1", "7", 1, now);
    const file = shardFile("votes", ada);
    recorder.failOpens(/votes\/\.\d\d\.json\.tmp$/);
    const error = await store.votes.cast(ada, "p1", "8", 1, now).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as Error).message).toContain(file);
    expect(await store.votes.totals(ada, ["p1"])).toEqual(new Map([["p1", { up: 1, down: 0 }]]));
    store = await reopen();
    expect(await store.votes.totals(ada, ["p1"])).toEqual(new Map([["p1", { up: 1, down: 0 }]]));
  });
});

describe("after a restart", () => {
  it("a claim whose holder stopped is taken over once its lease has ended", async () => {
    await store.deliveries.claim(
      [{ key: ada, localDate: "2024-03-10", papers: [{ id: "p1" }], reply, chatId: "c", late: false }],
      lease,
      now,
    );
    store = await reopen();
    const later = new Date(lease.until.getTime() + 60_000);
    const taken = await store.deliveries.takeOver(
      { owner: "instance-B", until: new Date(later.getTime() + 600_000) },
      later,
    );
    expect(taken.map((delivery) => [delivery.key, delivery.owner, delivery.reply])).toEqual([
      [ada, "instance-B", reply],
    ]);
  });
});

describe("changes arriving together", () => {
  it("30 likes at once are saved in one write of their shard", async () => {
    recorder.calls.length = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        store.profiles.update(ada, now, (profile) => void profile.liked.push(`p${index}`)),
      ),
    );
    expect((await store.profiles.get(ada))?.liked).toHaveLength(30);
    expect(recorder.calls.filter((call) => call.startsWith("rename "))).toHaveLength(1);
  });

  it("a change that throws in a batch is left out; the others are saved", async () => {
    const results = await Promise.allSettled([
      store.profiles.update(ada, now, (profile) => void profile.liked.push("kept-1")),
      store.profiles.update(ada, now, (profile) => {
        profile.liked.push("dropped");
        throw new Error("refused");
      }),
      store.profiles.update(bob, now, (profile) => void profile.liked.push("kept-2")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    store = await reopen();
    expect((await store.profiles.get(ada))?.liked).toEqual(["kept-1"]);
    expect((await store.profiles.get(bob))?.liked).toEqual(["kept-2"]);
  });

  it("a 👍 does not wait for a delivery write in progress", async () => {
    const release = recorder.holdOpens(/deliveries\/\.\d{3}\.json\.tmp$/);
    const claim = store.deliveries.claim(
      [{ key: bob, localDate: "2024-03-10", papers: [], reply, chatId: "c", late: false }],
      lease,
      now,
    );
    let claimed = false;
    void claim.then(() => (claimed = true));
    await store.profiles.update(ada, now, (profile) => void profile.liked.push("p1"));
    expect((await store.profiles.get(ada))?.liked).toEqual(["p1"]);
    expect(claimed).toBe(false);
    expect(await store.deliveries.recent(bob, 1)).toEqual([]);
    release();
    expect(await claim).toEqual(new Set([bob]));
  });
});

describe("a write that fails", () => {
  it("rejects with StoreWriteError naming the file, changes nothing, and the same update then succeeds", async () => {
    await store.profiles.update(ada, now, (profile) => void profile.interests.push("rl"));
    const file = shardFile("profiles", ada);
    const onDisk = await readFile(file, "utf8");
    const like = (): Promise<void> =>
      store.profiles.update(
        ada,
        new Date("2024-03-11T00:00:00.000Z"),
        (profile) => void profile.liked.push("p9"),
      );

    recorder.failOpens(/profiles\/\.\d\d\.json\.tmp$/);
    const error = await like().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as StoreWriteError).location).toBe(file);
    expect((error as Error).message).toContain("EIO");
    expect((await store.profiles.get(ada))?.liked).toEqual([]);
    expect(await readFile(file, "utf8")).toBe(onDisk);
    expect(await readdir(path.dirname(file))).toEqual([path.basename(file)]);

    await like();
    expect((await store.profiles.get(ada))?.liked).toEqual(["p9"]);
    store = await reopen();
    expect((await store.profiles.get(ada))?.liked).toEqual(["p9"]);
  });

  it("a change spanning shards is all or nothing: the shards it did write are put back", async () => {
    expect(shardOf(ada, "deliveries")).not.toBe(shardOf(bob, "deliveries"));
    const claims = [ada, bob].map((key) => ({
      key,
      localDate: "2024-03-10",
      papers: [{ id: "p1" }],
      reply,
      chatId: "c",
      late: false,
    }));
    recorder.failOpens(new RegExp(`deliveries/\\.${path.basename(shardFile("deliveries", bob))}\\.tmp$`));
    await expect(store.deliveries.claim(claims, lease, now)).rejects.toBeInstanceOf(StoreWriteError);

    expect(await store.deliveries.recent(ada, 10)).toEqual([]);
    expect(await readJson(shardFile("deliveries", ada))).toEqual({});
    store = await reopen();
    expect(await store.deliveries.recent(ada, 10)).toEqual([]);
    expect(await store.deliveries.claim(claims, lease, now)).toEqual(new Set([ada, bob]));
  });

  it("a folder that cannot be fsynced fails the change, and the shards it renamed are put back", async () => {
    await store.deliveries.claim([claimOf(ada, "2024-03-09")], lease, now);
    const before = await readFile(shardFile("deliveries", ada), "utf8");
    recorder.failSyncs(/state\/deliveries$/);
    const error = await store.deliveries
      .claim([claimOf(ada), claimOf(bob)], lease, now)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as StoreWriteError).location).toBe(path.join(dir, "state", "deliveries"));
    expect((await store.deliveries.recent(ada, 10)).map((delivery) => delivery.localDate)).toEqual([
      "2024-03-09",
    ]);
    expect(await readFile(shardFile("deliveries", ada), "utf8")).toBe(before);
    expect(await readJson(shardFile("deliveries", bob))).toEqual({});
    store = await reopen();
    expect(await store.deliveries.recent(bob, 10)).toEqual([]);
    expect(await store.deliveries.claim([claimOf(ada), claimOf(bob)], lease, now)).toEqual(
      new Set([ada, bob]),
    );
  });

  it("a corpus that cannot be written leaves the papers as they were", async () => {
    const paper: Paper = { id: "2401.00001", title: "T", abstract: "A", authors: ["B"], sources: ["arxiv"] };
    recorder.failOpens(/\.corpus\.json\.tmp$/);
    const error = await store.papers.put([paper]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "StoreWriteError", location: path.join(dir, "corpus.json") });
    expect(await store.papers.count()).toBe(0);
    await store.papers.put([paper]);
    expect(await (await reopen()).papers.all()).toEqual([paper]);
  });

  it("a change() that leaves a malformed profile is refused before anything is written", async () => {
    const error = await store.profiles
      .update(ada, now, (profile) => {
        (profile as unknown as Record<string, unknown>).liked = "p1";
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("liked");
    expect(await store.profiles.get(ada)).toBeUndefined();
  });
});

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
