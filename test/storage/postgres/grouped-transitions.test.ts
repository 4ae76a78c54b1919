import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { Lease, NewClaim, Store } from "../../../src/core/store/port.js";
import type { Db } from "../../../src/storage/postgres/db.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

const t0 = new Date("2024-03-10T07:00:00.000Z");
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);
const day = "2024-03-10";
const reply = { kind: "papers" as const, lines: ["Today's papers"], cards: [], buttons: [] };
const mine: Lease = { owner: "mine", until: minutes(10) };
const theirs: Lease = { owner: "theirs", until: minutes(10) };
const keys = Array.from({ length: 40 }, (_, i) => `telegram:user:${i}`);

function claimOf(key: string): NewClaim {
  return { key, localDate: day, papers: [{ id: `p-${key}` }], reply, chatId: "1", late: false };
}

/** `db`, with the statements it runs counted by what they change, and a switch to make them fail. */
function watched(db: Db) {
  const seen = { statements: [] as string[], failing: undefined as RegExp | undefined };
  const query: Db["query"] = (sql, params) => {
    seen.statements.push(sql);
    if (seen.failing?.test(sql)) return Promise.reject(new Error("connection lost"));
    return db.query(sql, params);
  };
  return { db: { ...db, query }, seen };
}

const count = (statements: string[], pattern: RegExp): number =>
  statements.filter((sql) => pattern.test(sql)).length;
const sendingSql = /SET status = 'sending'/;
const sentSql = /SET status = 'sent'/;

/**
 * The moves of a claim (startSending, markSent, markFailed, release) made at the same moment are
 * written as one statement per kind; each caller still gets its own answer.
 */
describe("Postgres store: claim moves made together", () => {
  let test: TestDb | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  async function openWatched(): Promise<{ store: Store; seen: { statements: string[]; failing?: RegExp } }> {
    test = await makeTestDb();
    const { db, seen } = watched(test.db);
    const store = await openPostgresStore(db, { log: silentLogger });
    // Half the records are this instance's, half another's.
    await store.deliveries.claim(keys.filter((_, i) => i % 2 === 0).map(claimOf), mine, t0);
    await store.deliveries.claim(keys.filter((_, i) => i % 2 === 1).map(claimOf), theirs, t0);
    seen.statements.length = 0;
    return { store, seen };
  }

  it("answers each of many concurrent calls for itself, true and false mixed, in one statement", async () => {
    const { store, seen } = await openWatched();
    const started = await Promise.all(keys.map((key) => store.deliveries.startSending(key, day, mine, t0)));
    expect(started).toEqual(keys.map((_, i) => i % 2 === 0));
    expect(count(seen.statements, sendingSql)).toBe(1);

    // Each kind of move goes as its own statement; answers stay per caller.
    const [sent, failed, released] = await Promise.all([
      Promise.all(keys.slice(0, 10).map((key) => store.deliveries.markSent(key, day, "mine", minutes(1)))),
      Promise.all(keys.slice(10, 20).map((key) => store.deliveries.markFailed(key, day, "mine", "no", t0))),
      Promise.all(keys.slice(20, 30).map((key) => store.deliveries.release(key, day, "mine"))),
    ]);
    const even = (offset: number) => Array.from({ length: 10 }, (_, i) => (offset + i) % 2 === 0);
    expect([sent, failed, released]).toEqual([even(0), even(10), even(20)]);
    expect(count(seen.statements, sentSql)).toBe(1);
    expect(count(seen.statements, /SET status = 'failed'/)).toBe(1);
    expect(count(seen.statements, /DELETE FROM deliveries/)).toBe(1);

    const records = new Map((await store.snapshot()).deliveries.map((record) => [record.key, record]));
    expect(records.get(keys[0]!)).toMatchObject({
      status: "sent",
      sentIds: [`p-${keys[0]}`],
      at: minutes(1).toISOString(),
    });
    expect(records.get(keys[1]!)).toMatchObject({ status: "claimed", owner: "theirs" });
    expect(records.get(keys[10]!)).toMatchObject({ status: "failed", error: "no" });
    expect(records.has(keys[20]!)).toBe(false);
    expect(records.get(keys[21]!)).toMatchObject({ status: "claimed", owner: "theirs" });
    const history = await store.deliveries.historyOf([keys[20]!, keys[21]!]);
    expect(history.get(keys[20]!)?.sent).toEqual([]);
    expect(history.get(keys[21]!)?.sent).toEqual([`p-${keys[21]}`]);
  });

  it("the same record twice at once: the calls run one after the other, only the first is answered true", async () => {
    const { store, seen } = await openWatched();
    const answers = await Promise.all(
      [0, 1, 2].map(() => store.deliveries.startSending(keys[0]!, day, mine, t0)),
    );
    expect(answers).toEqual([true, false, false]);
    expect(count(seen.statements, sendingSql)).toBe(3);
  });

  it("a failing statement rejects every caller of its group with StoreWriteError; nothing changed", async () => {
    const { store, seen } = await openWatched();
    seen.failing = sendingSql;
    const mineKeys = keys.filter((_, i) => i % 2 === 0);
    const results = await Promise.allSettled(
      mineKeys.map((key) => store.deliveries.startSending(key, day, mine, t0)),
    );
    expect(count(seen.statements, sendingSql)).toBe(1);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason as StoreWriteError;
      expect(error).toBeInstanceOf(StoreWriteError);
      expect(error.location).toBe(test?.db.location);
      expect((error.cause as Error).message).toBe("connection lost");
    }
    const statuses = (await store.snapshot()).deliveries.map((record) => record.status);
    expect(new Set(statuses)).toEqual(new Set(["claimed"]));

    seen.failing = undefined;
    expect(await store.deliveries.startSending(keys[0]!, day, mine, t0)).toBe(true);
  });

  it("calls arriving after a group went out form a new group", async () => {
    const { store, seen } = await openWatched();
    const first = keys.slice(0, 4).map((key) => store.deliveries.startSending(key, day, mine, t0));
    await Promise.all(first);
    const later = keys.slice(4, 8).map((key) => store.deliveries.startSending(key, day, mine, t0));
    expect(await Promise.all([...first, ...later])).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(count(seen.statements, sendingSql)).toBe(2);
  });

  it("close() writes the calls still waiting to be grouped before closing", async () => {
    const { store } = await openWatched();
    const marking = store.deliveries.markSent(keys[0]!, day, "mine", t0);
    await store.close();
    expect(await marking).toBe(true);
    const reopened = await openPostgresStore(test!.open(), { log: silentLogger });
    expect((await reopened.deliveries.recent(keys[0]!, 1))[0]?.status).toBe("sent");
    await reopened.close();
  });
});
