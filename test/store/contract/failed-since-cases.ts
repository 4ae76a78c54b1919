import { describe, expect, it } from "vitest";
import type { Delivery } from "../../../src/core/records.js";
import type { Store } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";
import {
  aClaim,
  ada,
  bob,
  claimOne,
  deliverOne,
  lab,
  minutesAfter,
  recordOf,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

const day = "2024-03-10";
const DAY_MINUTES = 24 * 60;

/** Claims a digest at `at` and marks it failed there, as a send the platform refused. */
async function failOne(
  store: Store,
  key: TargetKey,
  localDate: string,
  at: Date,
  reason: string,
): Promise<void> {
  await claimOne(store, aClaim(key, localDate), tenMinutes("A", at), at);
  if (!(await store.deliveries.markFailed(key, localDate, "A", reason, at))) {
    throw new Error(`setup: could not mark ${key} ${localDate} failed`);
  }
}

async function stored(store: Store, key: TargetKey, localDate: string): Promise<Delivery> {
  const record = await recordOf(store, key, localDate);
  if (!record) throw new Error(`setup: no record for ${key} ${localDate}`);
  return record;
}

/** deliveries.failedSince: the failed digests of every target over a recent span. */
export function failedSinceCases(handle: StoreHandle): void {
  describe("deliveries: failedSince", () => {
    it("a store without failures answers none", async () => {
      const store = handle.store;
      await deliverOne(store, aClaim(ada, day), "A", t0);
      expect(await store.deliveries.failedSince(minutesAfter(t0, -DAY_MINUTES), 10)).toEqual([]);
    });

    it("answers only failed records at or after `since`, whole, newest first", async () => {
      const store = handle.store;
      const since = minutesAfter(t0, -DAY_MINUTES);
      await failOne(store, bob, "2024-03-08", minutesAfter(since, -1), "too old to show");
      await failOne(store, ada, "2024-03-09", since, "Forbidden: bot was blocked by the user");
      await failOne(store, lab, day, minutesAfter(t0, 10), "Missing Access");
      await store.deliveries.recordUnsent(
        [
          { key: bob, localDate: day, status: "failed", reason: "compose failed: index not ready" },
          { key: ada, localDate: day, status: "skipped", reason: "nothing to send today" },
        ],
        minutesAfter(t0, 5),
      );
      await deliverOne(store, aClaim(ada, "2024-03-11"), "A", minutesAfter(t0, 20));
      expect(await store.deliveries.failedSince(since, 10)).toStrictEqual([
        await stored(store, lab, day),
        await stored(store, bob, day),
        await stored(store, ada, "2024-03-09"),
      ]);
      expect((await store.deliveries.failedSince(since, 10)).map((record) => record.error)).toEqual([
        "Missing Access",
        "compose failed: index not ready",
        "Forbidden: bot was blocked by the user",
      ]);
    });

    it("answers at most `limit`, the newest; a limit of 0 answers none", async () => {
      const store = handle.store;
      for (let index = 0; index < 5; index++) {
        await failOne(store, ada, `2024-03-0${index + 1}`, minutesAfter(t0, index), `failure ${index}`);
      }
      const newest = await store.deliveries.failedSince(minutesAfter(t0, -60), 2);
      expect(newest.map((record) => record.error)).toEqual(["failure 4", "failure 3"]);
      expect(await store.deliveries.failedSince(minutesAfter(t0, -60), 0)).toEqual([]);
    });

    it("failures at the same time come by target key, then newest local date first", async () => {
      const store = handle.store;
      await store.deliveries.recordUnsent(
        [
          { key: lab, localDate: "2024-03-09", status: "failed", reason: "lab 9" },
          { key: ada, localDate: "2024-03-09", status: "failed", reason: "ada 9" },
          { key: ada, localDate: day, status: "failed", reason: "ada 10" },
          { key: bob, localDate: day, status: "failed", reason: "bob 10" },
        ],
        t0,
      );
      const failed = await store.deliveries.failedSince(t0, 10);
      expect(failed.map((record) => record.error)).toEqual(["bob 10", "ada 10", "ada 9", "lab 9"]);
    });

    it("a send interrupted by a crash counts from when it was claimed", async () => {
      const store = handle.store;
      const lease = tenMinutes("A", t0);
      await claimOne(store, aClaim(ada, day), lease, t0);
      expect(await store.deliveries.startSending(ada, day, lease, t0)).toBe(true);
      await store.deliveries.takeOver(tenMinutes("B", minutesAfter(t0, 30)), minutesAfter(t0, 30));
      const [failed] = await store.deliveries.failedSince(t0, 10);
      expect(failed).toMatchObject({ key: ada, status: "failed", at: t0.toISOString() });
      expect(await store.deliveries.failedSince(minutesAfter(t0, 1), 10)).toEqual([]);
    });
  });
}
