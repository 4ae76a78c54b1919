import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import type { Paper } from "../../../src/core/paper.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { pgDb } from "../../../src/storage/postgres/pg-db.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

const t0 = new Date("2024-03-10T07:00:00.000Z");
const like = (id: string) => (profile: { liked: string[] }) => void profile.liked.push(id);

/** What only the Postgres adapter has: schemas, SQL errors, batching, its connection string. */
describe("Postgres store adapter", () => {
  const made: TestDb[] = [];
  async function fresh(): Promise<TestDb> {
    const test = await makeTestDb();
    made.push(test);
    return test;
  }
  afterEach(async () => {
    await Promise.all(made.splice(0).map((test) => test.drop()));
  });

  it("stores in different schemas of one database never see each other's records", async () => {
    const [a, b] = [await fresh(), await fresh()];
    const storeA = await openPostgresStore(a.db, { log: silentLogger });
    const storeB = await openPostgresStore(b.db, { log: silentLogger });
    await storeA.profiles.update("discord:user:1", t0, like("2403.00001"));
    await storeB.profiles.update("discord:user:1", t0, like("2403.00002"));
    expect((await storeA.profiles.get("discord:user:1"))?.liked).toEqual(["2403.00001"]);
    expect((await storeB.profiles.get("discord:user:1"))?.liked).toEqual(["2403.00002"]);
    expect(await storeB.papers.count()).toBe(0);
    await storeA.close();
    await storeB.close();
  });

  it("a database error in a write rejects with StoreWriteError naming the database, with the cause", async () => {
    const test = await fresh();
    const store = await openPostgresStore(test.db, { log: silentLogger });
    await test.db.query("DROP TABLE profiles");
    const writing = store.profiles.update("discord:user:1", t0, like("2403.00001"));
    await expect(writing).rejects.toBeInstanceOf(StoreWriteError);
    const error = (await writing.catch((e: unknown) => e)) as StoreWriteError;
    expect(error.location).toBe(test.db.location);
    expect(String((error.cause as Error).message)).toMatch(/profiles/);
    await store.close();
  });

  it("puts thousands of papers in first-stored order, a replaced one keeping its place", async () => {
    const store = await openPostgresStore((await fresh()).db, { log: silentLogger });
    const papers: Paper[] = Array.from({ length: 4_500 }, (_, i) => ({
      id: `2403.${String(i).padStart(5, "0")}`,
      title: `Paper ${i}`,
      abstract: "",
      authors: [],
      sources: ["arxiv"],
    }));
    await store.papers.put(papers);
    await store.papers.put([{ ...papers[0]!, title: "Revised" }, ...papers.slice(1, 3)]);
    const all = await store.papers.all();
    expect(all.map((paper) => paper.id)).toEqual(papers.map((paper) => paper.id));
    expect(all[0]?.title).toBe("Revised");
    await store.close();
  });

  it("close waits for the writes under way and is idempotent; later writes fail", async () => {
    const test = await fresh();
    const store = await openPostgresStore(test.db, { log: silentLogger });
    const writes = Array.from({ length: 5 }, (_, i) =>
      store.profiles.update(`console:user:${i}`, t0, like("x")),
    );
    await Promise.all([store.close(), store.close()]);
    await Promise.all(writes);
    await expect(store.profiles.update("console:user:9", t0, like("x"))).rejects.toBeInstanceOf(
      StoreWriteError,
    );
    const reopened = await openPostgresStore(test.open(), { log: silentLogger });
    expect((await reopened.profiles.getMany([0, 1, 2, 3, 4].map((i) => `console:user:${i}`))).size).toBe(5);
    await reopened.close();
  });

  it("names the database without its password, also when it cannot be reached", async () => {
    const db = pgDb("postgres://paperboy:s3cret@127.0.0.1:1/paperboy", { schema: "app" });
    expect(db.location).toBe("postgres://paperboy@127.0.0.1:1/paperboy");
    const opening = openPostgresStore(db, { log: silentLogger });
    await expect(opening).rejects.toThrow("postgres://paperboy@127.0.0.1:1/paperboy");
    await expect(opening).rejects.not.toThrow(/s3cret/);
    await db.close();
  });

  it("the test helper fails, naming the server, when TEST_DATABASE_URL cannot be reached", async () => {
    const saved = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = "postgres://tester:s3cret@127.0.0.1:1/test";
    try {
      const making = makeTestDb();
      await expect(making).rejects.toThrow("postgres://tester@127.0.0.1:1/test");
      await expect(making).rejects.not.toThrow(/s3cret/);
    } finally {
      if (saved === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = saved;
    }
  });
});
