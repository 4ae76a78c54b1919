import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import { authorFamilies } from "../../../src/core/recommender/author-names.js";
import { DocumentVersionError } from "../../../src/core/store/errors.js";
import type { Db } from "../../../src/storage/postgres/db.js";
import { migrate } from "../../../src/storage/postgres/migrate.js";
import { migrations } from "../../../src/storage/postgres/migrations/index.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

const onServer = Boolean(process.env.TEST_DATABASE_URL);
/** A version after every known migration, for migrations made up by the cases. */
const next = Math.max(...migrations.map((m) => m.version)) + 1;

async function appliedVersions(db: Db): Promise<number[]> {
  const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
  return rows.map((row) => row.version);
}

async function tables(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((row) => row.name);
}

/** Rows as an earlier paperboy stored them: only the columns every version has. */
async function insertPapersAsStored(db: Db, papers: ReadonlyArray<{ id: string }>): Promise<void> {
  await db.query(
    "INSERT INTO papers (id, data) SELECT p ->> 'id', p FROM jsonb_array_elements($1::text::jsonb) AS p",
    [JSON.stringify(papers)],
  );
}

/** The papers' change numbers, by position: what other instances learn of changes by. */
function changeNumbers(db: Db): Promise<Array<{ change: string }>> {
  return db.query<{ change: string }>("SELECT change::text FROM papers ORDER BY position");
}

describe("Postgres schema migrations", () => {
  let test: TestDb;
  beforeEach(async () => {
    test = await makeTestDb();
  });
  afterEach(async () => {
    await test.drop();
  });

  it("opening an empty schema creates every table and records each migration once", async () => {
    const store = await openPostgresStore(test.db, { log: silentLogger });
    await store.close();
    const again = test.open();
    expect(await migrate(again)).toEqual([]);
    expect(await appliedVersions(again)).toEqual(migrations.map((m) => m.version));
    expect(await tables(again)).toEqual([
      "deliveries",
      "ingest_runs",
      "libraries",
      "papers",
      "profiles",
      "saved_papers",
      "schema_migrations",
      "sent_papers",
      "subscriptions",
      "votes",
    ]);
  });

  it("applies only the migrations not yet applied, in order", async () => {
    expect(await migrate(test.db, migrations.slice(0, 1))).toEqual([1]);
    const later = [
      ...migrations,
      { version: next + 1, name: "after next", sql: "ALTER TABLE papers ADD COLUMN after_next int" },
      { version: next, name: "next", sql: "ALTER TABLE papers ADD COLUMN next int" },
    ];
    const known = migrations.map((m) => m.version);
    expect(await migrate(test.db, later)).toEqual([...known.slice(1), next, next + 1]);
    expect(await migrate(test.db, later)).toEqual([]);
    expect(await appliedVersions(test.db)).toEqual([...known, next, next + 1]);
  });

  it("a failing migration leaves the schema as it was: all pending migrations are one transaction", async () => {
    await migrate(test.db);
    const broken = [
      ...migrations,
      { version: next, name: "good", sql: "CREATE TABLE extra (id int)" },
      { version: next + 1, name: "bad", sql: "ALTER TABLE no_such_table ADD COLUMN x int" },
    ];
    await expect(migrate(test.db, broken)).rejects.toThrow(/no_such_table/);
    expect(await appliedVersions(test.db)).toEqual(migrations.map((m) => m.version));
    expect(await tables(test.db)).not.toContain("extra");
  });

  it("numbers the papers stored before change numbers existed in their stored order", async () => {
    await migrate(test.db, migrations.slice(0, 1));
    await test.db.query(
      `INSERT INTO papers (id, data) VALUES ('b', '{"id":"b"}'), ('a', '{"id":"a"}');
       INSERT INTO sent_papers (target_key, paper_id, published_at)
       VALUES ('console:user:1', 'a', '2024-03-08T00:00:00Z'), ('console:user:1', 'b', NULL)`,
    );
    await migrate(test.db);
    const store = await openPostgresStore(test.db, { log: silentLogger });
    expect(await store.papers.version()).toBe(2);
    expect((await store.papers.changedSince(1)).papers).toEqual([{ id: "a" }]);
    await store.papers.put([{ id: "c", title: "", abstract: "", authors: [], sources: [] }]);
    expect((await store.papers.changedSince(2)).papers.map((paper) => paper.id)).toEqual(["c"]);
    expect((await store.snapshot()).sent.get("console:user:1")).toEqual([
      { id: "a", publishedAt: "2024-03-08T00:00:00.000Z" },
      { id: "b" },
    ]);
    await store.close();
  });

  it("a database set up before libraries opens with its records and no library, and takes one", async () => {
    await migrate(test.db, migrations.slice(0, 3));
    await test.db.query(
      `INSERT INTO profiles (target_key, interests, liked, disliked, updated_at)
       VALUES ('console:user:1', '{graphs}', '{}', '{}', '2024-03-08T00:00:00Z')`,
    );
    const store = await openPostgresStore(test.db, { log: silentLogger });
    expect(await store.counts()).toMatchObject({ profiles: 1, libraries: 0 });
    expect(await store.libraries.get("console:user:1")).toBeUndefined();
    const library = { importedAt: "2024-03-10T07:00:00.000Z", papers: [{ title: "T", authors: ["A"] }] };
    await store.libraries.put("console:user:1", library);
    expect(await store.libraries.get("console:user:1")).toStrictEqual(library);
    expect((await store.profiles.get("console:user:1"))?.interests).toEqual(["graphs"]);
    await store.close();
  });

  it("a database set up before ingest runs opens with its failures, and records runs", async () => {
    await migrate(test.db, migrations.slice(0, 4));
    await test.db.query(
      `INSERT INTO deliveries (target_key, local_date, status, at, paper_ids, sent_ids, late, error)
       VALUES ('telegram:user:1', '2024-03-10', 'failed', '2024-03-10T07:00:00Z', '{}', '{}', false, 'blocked')`,
    );
    const store = await openPostgresStore(test.db, { log: silentLogger });
    const failed = await store.deliveries.failedSince(new Date("2024-03-09T07:00:00Z"), 5);
    expect(failed.map((record) => record.error)).toEqual(["blocked"]);
    expect(await store.ingestRuns.latest()).toEqual([]);
    const run = { source: "hf", at: "2024-03-10T05:30:00.000Z", added: 3, merged: 1 };
    await store.ingestRuns.record(run);
    expect(await store.ingestRuns.latest()).toStrictEqual([run]);
    await store.close();
  });

  it("a database set up before reading lists and votes opens with its records and none, and takes them", async () => {
    await migrate(test.db, migrations.slice(0, 5));
    await test.db.query(
      `INSERT INTO profiles (target_key, interests, liked, disliked, updated_at)
       VALUES ('telegram:channel:-1', '{graphs}', '{}', '{}', '2024-03-08T00:00:00Z')`,
    );
    const store = await openPostgresStore(test.db, { log: silentLogger });
    expect(await store.counts()).toMatchObject({ profiles: 1, saved: 0, votes: 0 });
    const key = "telegram:channel:-1";
    const saved = { paperId: "2403.00001", savedBy: "7", savedAt: "2024-03-10T07:00:00.000Z" };
    expect(await store.readingLists.save(key, saved)).toBe("saved");
    expect(await store.readingLists.all(key)).toStrictEqual([saved]);
    const at = new Date("2024-03-10T07:05:00.000Z");
    expect(await store.votes.cast(key, "2403.00001", "7", -1, at)).toStrictEqual({ up: 0, down: 1 });
    expect((await store.profiles.get(key))?.interests).toEqual(["graphs"]);
    await store.close();
  });

  it("a database set up before savers' names opens with its saved papers unnamed, and keeps names", async () => {
    await migrate(test.db, migrations.slice(0, 6));
    await test.db.query(
      `INSERT INTO saved_papers (target_key, paper_id, saved_by, saved_at)
       VALUES ('telegram:channel:-1', '2403.00001', '7', '2024-03-10T07:00:00Z')`,
    );
    const store = await openPostgresStore(test.db, { log: silentLogger });
    const key = "telegram:channel:-1";
    const older = { paperId: "2403.00001", savedBy: "7", savedAt: "2024-03-10T07:00:00.000Z" };
    expect(await store.readingLists.all(key)).toStrictEqual([older]);
    const named = {
      paperId: "2403.00002",
      savedBy: "8",
      savedByName: "Ada",
      savedAt: "2024-03-11T07:00:00.000Z",
    };
    expect(await store.readingLists.save(key, named)).toBe("saved");
    expect(await store.readingLists.list(key, { offset: 0, limit: 5 })).toStrictEqual({
      papers: [named, older],
      total: 2,
    });
    await store.close();
  });

  it("a database set up before paper dates dates the papers it holds, and answers since by them", async () => {
    await migrate(
      test.db,
      migrations.filter((m) => m.version < 8),
    );
    const given: Array<[id: string, publishedAt: string | number | undefined]> = [
      ["z-time", "2024-03-09T00:00:00Z"],
      ["old", "2024-01-01T00:00:00.000Z"],
      ["offset-before", "2024-03-08T00:30:00+01:00"],
      ["offset-after", "2024-03-07T23:30:00-01:00"],
      ["undated", undefined],
      ["malformed", "not a date"],
      ["impossible", "2024-13-45T00:00:00Z"],
      ["february-30", "2024-02-30T00:00:00Z"],
      ["year-zero", "0000-01-01T00:00:00Z"],
      ["not-text", 20240309],
    ];
    // More than a backfill batch: the last of them, dated after, must be dated too.
    const bulk = Array.from({ length: 2_100 }, (_, n) => `bulk-${n}`);
    const rows = [
      ...given.map(([id, publishedAt]) => ({ id, publishedAt, sources: ["arxiv"] })),
      ...bulk.map((id, n) => ({
        id,
        publishedAt: n === bulk.length - 1 ? "2024-03-10T00:00:00Z" : "2023-06-01T00:00:00Z",
        sources: ["hf"],
      })),
    ];
    await insertPapersAsStored(test.db, rows);
    const changesBefore = await changeNumbers(test.db);
    expect(await migrate(test.db)).toEqual([8, 9]);
    const store = await openPostgresStore(test.db, { log: silentLogger });
    const since = await store.papers.since(new Date("2024-03-08T00:00:00.000Z"));
    expect(since.map((paper) => paper.id)).toEqual([
      "z-time",
      "offset-after",
      "undated",
      "malformed",
      "impossible",
      "not-text",
      bulk.at(-1),
    ]);
    expect(await store.papers.sourceSummary()).toEqual([
      { source: "arxiv", papers: given.length, newest: "2024-03-09T00:00:00Z" },
      { source: "hf", papers: bulk.length, newest: "2024-03-10T00:00:00Z" },
    ]);
    // Dating them is no change another instance must learn of.
    expect(await changeNumbers(test.db)).toEqual(changesBefore);
    await store.close();
  });

  it("a database set up before author families files the papers it holds by them, for /follow", async () => {
    await migrate(
      test.db,
      migrations.filter((m) => m.version < 9),
    );
    const given: Array<[id: string, authors: unknown]> = [
      ["comma", ["A. Lovelace", "LeCun, Yann"]],
      ["spaced", ["Y. Le Cun"]],
      ["other", ["Geoffrey Hinton"]],
      ["none", []],
      ["not-a-list", "Yann LeCun"],
      ["not-text", [42, "Yann LECUN"]],
    ];
    // More than a backfill batch: the last of them, by the followed name, must be filed too.
    const bulk = Array.from({ length: 2_100 }, (_, n) => `bulk-${n}`);
    const rows = [
      ...given.map(([id, authors]) => ({ id, title: id, authors })),
      ...bulk.map((id, n) => ({
        id,
        title: id,
        authors: [n === bulk.length - 1 ? "LECUN Yann" : `Author ${n}`],
      })),
    ];
    await insertPapersAsStored(test.db, rows);
    const changesBefore = await changeNumbers(test.db);
    expect(await migrate(test.db)).toEqual([9]);
    const store = await openPostgresStore(test.db, { log: silentLogger });
    const lecun = await store.papers.bylinesByFamily(authorFamilies(["Yann LeCun"]));
    expect(lecun.map((paper) => paper.id)).toEqual(["comma", "spaced", "not-text", bulk.at(-1)]);
    const hinton = await store.papers.bylinesByFamily(authorFamilies(["Hinton"]));
    expect(hinton).toEqual([{ id: "other", title: "other", authors: ["Geoffrey Hinton"] }]);
    // Filing them is no change another instance must learn of.
    expect(await changeNumbers(test.db)).toEqual(changesBefore);
    await store.close();
  });

  it("the votes table refuses a vote other than 1 or -1, and a member's second row on a paper", async () => {
    await migrate(test.db);
    const insert = (member: string, vote: number) =>
      test.db.query(
        `INSERT INTO votes (target_key, paper_id, member, vote, at) VALUES ('k', 'p', $1, $2, now())`,
        [member, vote],
      );
    await expect(insert("7", 2)).rejects.toThrow(/check constraint/);
    await insert("7", 1);
    await expect(insert("7", -1)).rejects.toThrow(/duplicate key/);
  });

  it("refuses a database that a newer paperboy migrated, naming the database, and changes nothing", async () => {
    await migrate(test.db);
    await test.db.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    const opening = openPostgresStore(test.db, { log: silentLogger });
    await expect(opening).rejects.toBeInstanceOf(DocumentVersionError);
    await expect(opening).rejects.toThrow(test.db.location);
    await expect(opening).rejects.toThrow(/99 \(from the future\)/);
    expect(await appliedVersions(test.db)).toEqual([...migrations.map((m) => m.version), 99]);
  });

  it.skipIf(!onServer)("two instances opening the same empty schema at once migrate it once", async () => {
    const dbs = [test.db, test.open(), test.open()];
    const applied = await Promise.all(dbs.map((db) => migrate(db)));
    const known = migrations.map((m) => m.version);
    expect(applied.flat()).toEqual(known);
    expect(await appliedVersions(test.db)).toEqual(known);
  });
});
