import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import { silentLogger } from "../../../src/core/log.js";
import type { StoreSnapshot } from "../../../src/core/records.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { Store } from "../../../src/core/store/port.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import { noCounts } from "../../store/contract/snapshot-fixture.js";
import type { TestDb } from "../../helpers/postgres.js";

const reply: Reply = { kind: "papers", lines: ["Today's papers"], cards: [], buttons: [] };

/** A snapshot of every kind of record, with the shapes only a copy between stores brings. */
function aSnapshot(): StoreSnapshot {
  return {
    papers: [
      {
        id: "2403.00002",
        title: "Second",
        abstract: "",
        authors: ["B"],
        sources: ["arxiv", "hf"],
        upvotes: 3,
      },
      { id: "2403.00001", title: "First", abstract: "", authors: [], sources: ["seed"] },
    ],
    profiles: new Map([
      [
        "discord:user:1",
        { interests: ["graphs"], liked: ["2403.00001"], disliked: [], updatedAt: "2024-03-09T10:00:00.000Z" },
      ],
    ]),
    subscriptions: new Map([
      [
        "telegram:channel:-100",
        {
          time: "08:30",
          timezone: "Europe/Paris",
          days: "weekdays" as const,
          count: 5,
          quietNote: false,
          chatId: "-100",
          ownerId: "7",
          createdAt: "2024-03-01T00:00:00.000Z",
          paused: { reason: "blocked", at: "2024-03-05T00:00:00.000Z" },
        },
      ],
    ]),
    deliveries: [
      {
        key: "discord:user:1",
        localDate: "2024-03-08",
        status: "skipped",
        at: "2024-03-08T07:00:00.000Z",
        paperIds: [],
        sentIds: [],
        late: false,
        error: "nothing matched",
      },
      {
        key: "discord:user:1",
        localDate: "2024-03-09",
        status: "claimed",
        at: "2024-03-09T07:00:00.000Z",
        paperIds: ["2403.00001", "2403.00002"],
        sentIds: [],
        late: true,
        owner: "host:1",
        leaseUntil: "2024-03-09T07:10:00.000Z",
        reply,
        chatId: "1",
      },
      {
        key: "telegram:channel:-100",
        localDate: "2024-03-07",
        status: "sent",
        at: "2024-03-07T06:00:00.000Z",
        paperIds: ["2403.00002"],
        sentIds: ["2403.00002"],
        late: false,
      },
    ],
    sent: new Map([
      [
        "discord:user:1",
        [
          { id: "2403.00002", publishedAt: "2024-03-08T00:00:00Z" },
          { id: "2403.00001" },
          { id: "old", publishedAt: "not a date" },
        ],
      ],
      ["telegram:channel:-100", [{ id: "2403.00002", publishedAt: "2024-03-08T00:00:00.000Z" }]],
    ]),
    libraries: new Map([
      [
        "telegram:channel:-100",
        {
          importedAt: "2024-03-06T12:00:00.000Z",
          papers: [
            { title: "", authors: [], arxivId: "2403.00001" },
            { title: "Über “graphs”", authors: ["Zoë Ng"], year: 2021, doi: "10.1/x", abstract: "a\nb" },
          ],
        },
      ],
    ]),
    // Two papers saved at one instant: the order given is the order kept.
    saved: new Map([
      [
        "telegram:channel:-100",
        [
          { paperId: "2403.00002", savedBy: "7", savedAt: "2024-03-09T10:00:00.000Z" },
          { paperId: "2403.00001", savedBy: "8", savedAt: "2024-03-09T10:00:00.000Z" },
          { paperId: "old", savedBy: "7", savedAt: "2024-03-01T00:00:00.000Z" },
        ],
      ],
      ["discord:user:1", [{ paperId: "2403.00001", savedBy: "1", savedAt: "2024-03-02T00:00:00.000Z" }]],
    ]),
    votes: new Map([
      [
        "telegram:channel:-100",
        [
          { paperId: "2403.00001", member: "7", vote: -1 as const, at: "2024-03-09T11:00:00.000Z" },
          { paperId: "2403.00001", member: "8", vote: 1 as const, at: "2024-03-09T12:00:00.000Z" },
          { paperId: "2403.00002", member: "7", vote: 1 as const, at: "2024-03-08T11:00:00.000Z" },
        ],
      ],
    ]),
  };
}

describe("Postgres store: snapshot and replaceAll", () => {
  let test: TestDb;
  let store: Store;
  beforeEach(async () => {
    test = await makeTestDb();
    store = await openPostgresStore(test.db, { log: silentLogger });
  });
  afterEach(async () => {
    await store.close();
    await test.drop();
  });

  it("replaceAll drops what was stored; another instance's snapshot answers the records given", async () => {
    await store.papers.put([{ id: "gone", title: "", abstract: "", authors: [], sources: [] }]);
    await store.profiles.update("console:user:gone", new Date(), (profile) => void profile.liked.push("x"));
    await store.replaceAll(aSnapshot());
    const other = await openPostgresStore(test.open(), { log: silentLogger });
    expect(await other.snapshot()).toEqual(aSnapshot());
    expect(await other.counts()).toEqual({
      papers: 2,
      profiles: 1,
      subscriptions: 1,
      deliveries: 3,
      sent: 4,
      libraries: 1,
      saved: 4,
      votes: 3,
    });
    await other.close();
  });

  it("replaceAll leaves every index and key as the migrations defined it", async () => {
    const definitions = () =>
      test.db.query<{ def: string }>(
        "SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname",
      );
    const before = await definitions();
    await store.replaceAll(aSnapshot());
    expect(await definitions()).toEqual(before);
    expect(before.length).toBeGreaterThan(5);
  });

  it("the records replaced keep working: the claim's lease, the sent history, pruning by date", async () => {
    await store.replaceAll(aSnapshot());
    const [taken] = await store.deliveries.takeOver(
      { owner: "me", until: new Date("2024-03-09T08:00:00.000Z") },
      new Date("2024-03-09T07:30:00.000Z"),
    );
    expect(taken).toMatchObject({ key: "discord:user:1", localDate: "2024-03-09", owner: "me", reply });
    const removed = await store.deliveries.prune({
      deliveriesBefore: "2000-01-01",
      sentPublishedBefore: new Date("2024-03-09T00:00:00.000Z"),
    });
    expect(removed).toEqual({ deliveries: 0, sent: 2 });
    const history = (await store.deliveries.historyOf(["discord:user:1"])).get("discord:user:1");
    expect(history).toEqual({ sent: ["2403.00001", "old"], lastLocalDate: "2024-03-09" });
  });

  it("instances following changedSince receive the new papers after a replaceAll", async () => {
    await store.papers.put([{ id: "a", title: "", abstract: "", authors: [], sources: [] }]);
    const before = await store.papers.version();
    await store.replaceAll(aSnapshot());
    const changed = await store.papers.changedSince(before);
    expect(changed.papers).toEqual(aSnapshot().papers);
    expect(changed.version).toBeGreaterThan(before);
  });

  it("a snapshot the tables refuse rejects with StoreWriteError and changes nothing", async () => {
    await store.replaceAll(aSnapshot());
    const broken = aSnapshot();
    broken.papers = [{ id: "new", title: "", abstract: "", authors: [], sources: [] }];
    broken.deliveries.push({ ...broken.deliveries[0]! });
    await expect(store.replaceAll(broken)).rejects.toBeInstanceOf(StoreWriteError);
    expect(await store.snapshot()).toEqual(aSnapshot());
  });

  it("an empty store's snapshot is empty, and replacing with it empties a store", async () => {
    const empty = await store.snapshot();
    expect(empty).toEqual({
      papers: [],
      profiles: new Map(),
      subscriptions: new Map(),
      deliveries: [],
      sent: new Map(),
      libraries: new Map(),
      saved: new Map(),
      votes: new Map(),
    });
    await store.replaceAll(aSnapshot());
    await store.replaceAll(empty);
    expect(await store.counts()).toEqual(noCounts);
  });
});
