import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import type { NewClaim, Store } from "../../../src/core/store/port.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

const t0 = new Date("2024-03-10T07:00:00.000Z");
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);
const reply = { kind: "papers" as const, lines: ["Today's papers"], cards: [], buttons: [] };

function claimOf(key: string, localDate: string): NewClaim {
  return {
    key,
    localDate,
    papers: [{ id: "2403.00001" }, { id: "2403.00002" }],
    reply,
    chatId: "1",
    late: false,
  };
}

/**
 * Two instances of paperboy on one database: two stores, each with its own connection pool. Only
 * a real server has several connections; PGlite runs one statement at a time.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("Postgres store: two instances at once", () => {
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

  it("30 + 30 concurrent likes of one new profile from two instances keep all 60", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `2403.${String(i).padStart(5, "0")}`);
    await Promise.all(
      ids.map((id, i) =>
        (i % 2 === 0 ? one : two).profiles.update(
          "discord:user:1",
          t0,
          (profile) => void profile.liked.push(id),
        ),
      ),
    );
    const liked = (await one.profiles.get("discord:user:1"))?.liked ?? [];
    expect([...liked].sort()).toEqual(ids);
  });

  it("claiming the same day from both instances at once: exactly one wins, its picks are remembered once", async () => {
    const days = Array.from({ length: 10 }, (_, i) => `2024-03-${String(i + 10).padStart(2, "0")}`);
    for (const day of days) {
      const claim = claimOf("telegram:channel:-100", day);
      const [byOne, byTwo] = await Promise.all([
        one.deliveries.claim([claim], { owner: "one", until: minutes(10) }, t0),
        two.deliveries.claim([claim], { owner: "two", until: minutes(10) }, t0),
      ]);
      expect(Number(byOne.has(claim.key)) + Number(byTwo.has(claim.key))).toBe(1);
      const [record] = await one.deliveries.recent(claim.key, 1);
      expect(record?.owner).toBe(byOne.has(claim.key) ? "one" : "two");
    }
    const history = (await one.deliveries.historyOf(["telegram:channel:-100"])).get("telegram:channel:-100");
    expect(history?.sent).toEqual(["2403.00001", "2403.00002"]);
    expect(await one.deliveries.recent("telegram:channel:-100", 100)).toHaveLength(days.length);
  });

  it("several takeOvers at once never hand out the same record twice", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `discord:channel:${i}`);
    await one.deliveries.claim(
      keys.map((key) => claimOf(key, "2024-03-10")),
      { owner: "gone", until: minutes(1) },
      t0,
    );
    const now = minutes(5);
    const calls = [one, two, one, two, one, two].map((store, i) =>
      store.deliveries.takeOver({ owner: `taker-${i}`, until: minutes(15) }, now),
    );
    const taken = (await Promise.all(calls)).flat();
    expect(taken.map((record) => record.key).sort()).toEqual([...keys].sort());
    for (const record of taken) {
      const [stored] = await two.deliveries.recent(record.key, 1);
      expect(stored?.owner).toBe(record.owner);
    }
  });
});
