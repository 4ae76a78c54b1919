import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runStoreImport } from "../../src/cli/store-import.js";
import { silentLogger } from "../../src/core/log.js";
import type { Store } from "../../src/core/store/port.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb, type TestDb } from "../helpers/postgres.js";
import { makeTempDir } from "../storage/files/helpers.js";

/** A data folder as paperboy 0.1 left it: one state.json document and corpus.json. */
const LEGACY_STATE = {
  version: 1,
  profiles: {
    "telegram:user:7": {
      interests: ["graph neural networks"],
      liked: ["2410.1"],
      disliked: [],
      updatedAt: "2026-11-01T00:00:00.000Z",
    },
    "discord:channel:9": {
      interests: ["diffusion"],
      liked: [],
      disliked: [],
      updatedAt: "2026-11-01T00:00:00.000Z",
    },
  },
  subscriptions: {
    "telegram:user:7": {
      time: "08:00",
      timezone: "Europe/Paris",
      days: "daily",
      count: 5,
      quietNote: true,
      chatId: "7",
      ownerId: "7",
      createdAt: "2026-10-01T00:00:00.000Z",
    },
  },
  deliveries: {
    "telegram:user:7": [
      {
        localDate: "2026-11-30",
        at: "2026-11-30T07:00:00.000Z",
        status: "sent",
        paperIds: ["2410.1"],
        sentIds: ["2410.1"],
      },
    ],
  },
  sent: { "telegram:user:7": ["2410.1"] },
};
const LEGACY_CORPUS = {
  version: 1,
  papers: [
    { id: "2410.1", title: "Message passing", abstract: "Graphs.", authors: ["A"], sources: ["arxiv"] },
    { id: "2410.2", title: "Diffusion", abstract: "Noise.", authors: ["B"], sources: ["hf"] },
  ],
};

let folder: { dir: string; cleanup: () => Promise<void> };
let testDb: TestDb;

beforeEach(async () => {
  folder = await makeTempDir();
  await writeFile(path.join(folder.dir, "state.json"), JSON.stringify(LEGACY_STATE));
  await writeFile(path.join(folder.dir, "corpus.json"), JSON.stringify(LEGACY_CORPUS));
  testDb = await makeTestDb();
});
afterEach(async () => {
  await testDb.drop();
  await folder.cleanup();
});

async function run(args: string[], withDatabase = true) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStoreImport(args, {
    openSource: (dir) => openFileStore(dir, { log: silentLogger, readOnly: true }),
    openTarget: () => (withDatabase ? openPostgresStore(testDb.open(), { log: silentLogger }) : undefined),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function database(): Promise<Store> {
  return openPostgresStore(testDb.open(), { log: silentLogger });
}

describe("paperboy store import", () => {
  it("copies an old data folder into the database and says what it copied", async () => {
    const { code, out } = await run(["import", "--from", folder.dir]);
    expect(code).toBe(0);
    expect(out).toMatch(
      /2 papers, 2 profiles, 1 subscriptions, 1 deliveries, 1 sent papers, 0 libraries, 0 saved papers, 0 votes/,
    );

    const store = await database();
    expect((await store.profiles.get("telegram:user:7"))?.interests).toEqual(["graph neural networks"]);
    expect((await store.subscriptions.get("telegram:user:7"))?.timezone).toBe("Europe/Paris");
    expect((await store.deliveries.recent("telegram:user:7", 5))[0]).toMatchObject({ status: "sent" });
    expect((await store.papers.all()).map((paper) => paper.id)).toEqual(["2410.1", "2410.2"]);
    await store.close();
  });

  it("refuses a database that already holds users unless --replace, and gives the same result again", async () => {
    expect((await run(["import", "--from", folder.dir])).code).toBe(0);
    const again = await run(["import", "--from", folder.dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds .*2 profiles.*Nothing was copied: add --replace/);

    const replaced = await run(["import", "--from", folder.dir, "--replace"]);
    expect(replaced.code).toBe(0);
    const store = await database();
    expect(await store.counts()).toEqual({
      papers: 2,
      profiles: 2,
      subscriptions: 1,
      deliveries: 1,
      sent: 1,
      libraries: 0,
      saved: 0,
      votes: 0,
    });
    await store.close();
  });

  it("copies the imported libraries of a current data folder and counts them", async () => {
    const library = {
      importedAt: "2026-11-02T00:00:00.000Z",
      papers: [
        { title: "Message passing", authors: ["A"], year: 2024, arxivId: "2410.1" },
        { title: "", authors: [], arxivId: "2410.2" },
      ],
    };
    const writer = await openFileStore(folder.dir, { log: silentLogger }); // imports state.json first
    await writer.libraries.put("telegram:user:7", library);
    await writer.libraries.put("discord:user:3", { importedAt: library.importedAt, papers: [] });
    await writer.close();

    const { code, out } = await run(["import", "--from", folder.dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/2 profiles, 1 subscriptions, 1 deliveries, 1 sent papers, 2 libraries/);
    const store = await database();
    expect(await store.libraries.get("telegram:user:7")).toStrictEqual(library);
    expect(await store.libraries.sizes(["telegram:user:7", "discord:user:3"])).toEqual(
      new Map([
        ["telegram:user:7", 2],
        ["discord:user:3", 0],
      ]),
    );
    await store.close();
  });

  it("refuses a database that holds only libraries unless --replace", async () => {
    const store = await database();
    await store.libraries.put("discord:user:3", { importedAt: "2026-11-02T00:00:00.000Z", papers: [] });
    await store.close();
    const refused = await run(["import", "--from", folder.dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds .*1 libraries.*Nothing was copied/);
    const replaced = await run(["import", "--from", folder.dir, "--replace"]);
    expect(replaced.code).toBe(0);
    const after = await database();
    expect(await after.libraries.get("discord:user:3")).toBeUndefined();
    await after.close();
  });

  it("copies the reading lists and votes of a current data folder and counts them", async () => {
    const channel = "discord:channel:9";
    const writer = await openFileStore(folder.dir, { log: silentLogger }); // imports state.json first
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 0, minutes));
    await writer.readingLists.save(channel, {
      paperId: "2410.1",
      savedBy: "3",
      savedAt: at(0).toISOString(),
    });
    await writer.readingLists.save(channel, {
      paperId: "2410.2",
      savedBy: "4",
      savedAt: at(0).toISOString(),
    });
    await writer.readingLists.save("telegram:user:7", {
      paperId: "2410.1",
      savedBy: "7",
      savedAt: at(1).toISOString(),
    });
    await writer.votes.cast(channel, "2410.1", "3", 1, at(2));
    await writer.votes.cast(channel, "2410.1", "4", -1, at(3));
    await writer.votes.cast(channel, "2410.2", "3", 1, at(4));
    await writer.close();

    const { code, out } = await run(["import", "--from", folder.dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/0 libraries, 3 saved papers, 3 votes/);
    const store = await database();
    expect((await store.readingLists.all(channel)).map((paper) => paper.paperId)).toEqual([
      "2410.2",
      "2410.1",
    ]);
    expect(await store.votes.totals(channel, ["2410.1", "2410.2"])).toEqual(
      new Map([
        ["2410.1", { up: 1, down: 1 }],
        ["2410.2", { up: 1, down: 0 }],
      ]),
    );
    expect(await store.votes.topSince(channel, at(0), 1)).toEqual([{ paperId: "2410.2", up: 1, down: 0 }]);
    await store.close();
  });

  it("refuses a database that holds only reading lists or votes unless --replace", async () => {
    const store = await database();
    await store.votes.cast("discord:channel:5", "p", "3", 1, new Date("2026-11-02T00:00:00.000Z"));
    await store.close();
    const refused = await run(["import", "--from", folder.dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds .*0 saved papers, 1 votes.*Nothing was copied/);
    expect((await run(["import", "--from", folder.dir, "--replace"])).code).toBe(0);

    const replaced = await database();
    await replaced.readingLists.save("discord:channel:5", {
      paperId: "p",
      savedBy: "3",
      savedAt: "2026-11-02T00:00:00.000Z",
    });
    await replaced.close();
    expect((await run(["import", "--from", folder.dir])).err).toMatch(
      /already holds .*1 saved papers, 0 votes/,
    );
  });

  it("leaves the data folder as it was: a bot may still run on it", async () => {
    await run(["import", "--from", folder.dir]);
    expect(existsSync(path.join(folder.dir, "state.json"))).toBe(true);
    expect(existsSync(path.join(folder.dir, "state"))).toBe(false);
    const source = await openFileStore(folder.dir, { log: silentLogger, readOnly: true });
    expect((await source.counts()).profiles).toBe(2);
    await source.close();
  });

  it("needs DATABASE_URL, --from and the import action, naming the valid form", async () => {
    const noDatabase = await run(["import", "--from", folder.dir], false);
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.err).toMatch(/DATABASE_URL/);
    for (const args of [
      ["import"],
      ["export", "--from", folder.dir],
      [],
      ["import", "--from", folder.dir, "--force"],
    ]) {
      const { code, err } = await run(args);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toContain("Usage: paperboy store import --from DATA_DIR [--replace]");
    }
  });
});
