import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import type { JobHold, Store } from "../../../src/core/store/port.js";
import { lockClass } from "../../../src/storage/postgres/advisory-locks.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

const serverUrl = process.env.TEST_DATABASE_URL;

/** Settled or not, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol("pending");
  return (
    (await Promise.race([promise.then(() => true), new Promise((r) => setTimeout(r, 20, pending))])) === true
  );
}

/** Tries `job` on `store` until it is held, for up to `ms`: a dead session's locks go a moment later. */
async function holdSoon(store: Store, job: string, ms = 5_000): Promise<JobHold | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const hold = await store.jobs.tryHold(job);
    if (hold || Date.now() > until) return hold;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Jobs held by instances with their own connection pools (on PGlite: Dbs sharing one PGlite).
 * The contract suite checks one store's holds; here several pools, and a broken connection.
 */
describe("Postgres store: jobs held across instances", () => {
  let test: TestDb;
  let one: Store;
  let two: Store;
  beforeEach(async () => {
    test = await makeTestDb();
    one = await openPostgresStore(test.db, { log: silentLogger });
    two = await openPostgresStore(test.open(), { log: silentLogger });
  });
  afterEach(async () => {
    await Promise.all([one.close(), two.close()]);
    await test.drop();
  });

  it("a job held by one instance is not held by another until released; then the other takes it", async () => {
    const held = await one.jobs.tryHold("ingest");
    expect(held).toBeDefined();
    expect(await two.jobs.tryHold("ingest")).toBeUndefined();
    expect(await one.jobs.tryHold("ingest")).toBeUndefined();
    const other = await two.jobs.tryHold("telegram-polling");
    expect(other).toBeDefined();
    await held?.release();
    await held?.release();
    const taken = await two.jobs.tryHold("ingest");
    expect(taken).toBeDefined();
    expect(await one.jobs.tryHold("ingest")).toBeUndefined();
    expect(await settled(held!.lost)).toBe(false);
    await Promise.all([taken?.release(), other?.release()]);
  });

  it("the holder's queries go on while it holds a job, and closing it frees the job", async () => {
    const held = await one.jobs.tryHold("ingest");
    expect(held).toBeDefined();
    await Promise.all(Array.from({ length: 20 }, (_, i) => one.subscriptions.delete(`console:user:${i}`)));
    expect(await two.jobs.tryHold("ingest")).toBeUndefined();
    await one.close();
    const taken = await two.jobs.tryHold("ingest");
    expect(taken).toBeDefined();
    await taken?.release();
  });

  it("stores in other schemas of the database hold the same job independently", async () => {
    const elsewhere = await makeTestDb();
    const three = await openPostgresStore(elsewhere.db, { log: silentLogger });
    try {
      const here = await one.jobs.tryHold("ingest");
      const there = await three.jobs.tryHold("ingest");
      expect(here).toBeDefined();
      expect(there).toBeDefined();
      await Promise.all([here?.release(), there?.release()]);
    } finally {
      await three.close();
      await elsewhere.drop();
    }
  });

  it.skipIf(!serverUrl)(
    "the holder's connection ends: lost settles and another instance takes the job",
    async () => {
      const held = await one.jobs.tryHold("ingest");
      expect(held).toBeDefined();
      expect(await two.jobs.tryHold("ingest")).toBeUndefined();
      const [where] = await test.db.query<{ schema: string }>("SELECT current_schema() AS schema");
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND classid = $1::int::oid AND objid = hashtext($2 || '/' || $3)::oid AND objsubid = 2`,
          [lockClass.jobs, where?.schema, "ingest"],
        );
        expect(rows).toEqual([{ ended: true }]);
      } finally {
        await admin.end();
      }
      await held?.lost;
      const taken = await holdSoon(two, "ingest");
      expect(taken).toBeDefined();
      await held?.release();
      expect(await one.jobs.tryHold("ingest")).toBeUndefined();
      await taken?.release();
    },
  );
});
