import { describe, expect, it } from "vitest";
import type { UnsentDay } from "../../../src/core/store/port.js";
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
  sent,
  sentIdsOf,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

function skipped(key: TargetKey, localDate: string): UnsentDay {
  return { key, localDate, status: "skipped", reason: "nothing matched" };
}

/** historyOf, recent and prune: what delivery planning reads, and forgetting what no longer matters. */
export function historyCases(handle: StoreHandle): void {
  describe("deliveries: historyOf and recent", () => {
    it("historyOf answers every asked key: sent ids oldest first and the history; {sent: []} when unknown", async () => {
      const store = handle.store;
      const sentAt = minutesAfter(t0, -60);
      await deliverOne(store, aClaim(ada, "2024-03-09", { papers: [sent("p1"), sent("p2")] }), "A", sentAt);
      await claimOne(store, aClaim(ada, "2024-03-10", { papers: [sent("p3")] }), tenMinutes("A"));
      await store.deliveries.recordUnsent([skipped(lab, "2024-03-10")], t0);
      const history = await store.deliveries.historyOf([ada, lab, bob]);
      expect([...history.keys()].sort()).toEqual([ada, bob, lab].sort());
      expect(history.get(ada)).toEqual({
        sent: ["p1", "p2", "p3"],
        lastLocalDate: "2024-03-10",
        lastSentAt: sentAt.toISOString(),
      });
      expect(history.get(lab)).toEqual({ sent: [], lastLocalDate: "2024-03-10" });
      expect(history.get(bob)).toEqual({ sent: [] });
      expect((await store.deliveries.historyOf([])).size).toBe(0);
    });

    it("recent answers the target's records newest local date first, at most limit of them", async () => {
      const { deliveries } = handle.store;
      for (const date of ["2024-03-08", "2024-03-11", "2024-03-09", "2024-03-10"]) {
        await deliveries.recordUnsent([skipped(ada, date)], t0);
      }
      await deliveries.recordUnsent([skipped(lab, "2024-03-12")], t0);
      const dates = async (limit: number): Promise<string[]> =>
        (await deliveries.recent(ada, limit)).map((record) => record.localDate);
      expect(await dates(2)).toEqual(["2024-03-11", "2024-03-10"]);
      expect(await dates(10)).toEqual(["2024-03-11", "2024-03-10", "2024-03-09", "2024-03-08"]);
      expect(await deliveries.recent(bob, 10)).toEqual([]);
    });
  });

  describe("deliveries: prune", () => {
    it("removes records before the cutoff date, except claimed and sending ones, and counts them", async () => {
      const store = handle.store;
      const { deliveries } = store;
      await deliverOne(store, aClaim(ada, "2024-02-01"), "A", t0);
      await claimOne(store, aClaim(ada, "2024-02-02"), tenMinutes("A"));
      await deliveries.markFailed(ada, "2024-02-02", "A", "forbidden", t0);
      await deliveries.recordUnsent([skipped(ada, "2024-02-03"), skipped(lab, "2024-02-28")], t0);
      await claimOne(store, aClaim(lab, "2024-02-04"), tenMinutes("A"));
      await claimOne(store, aClaim(lab, "2024-02-05"), tenMinutes("A"));
      await deliveries.startSending(lab, "2024-02-05", tenMinutes("A"), t0);
      await deliveries.recordUnsent([skipped(ada, "2024-03-01"), skipped(lab, "2024-03-02")], t0);

      const removed = await deliveries.prune({
        deliveriesBefore: "2024-03-01",
        sentPublishedBefore: new Date("2000-01-01T00:00:00.000Z"),
      });
      expect(removed).toEqual({ deliveries: 4, sent: 0 });
      const left = async (key: TargetKey): Promise<string[]> =>
        (await deliveries.recent(key, 10)).map((record) => `${record.localDate} ${record.status}`);
      expect(await left(ada)).toEqual(["2024-03-01 skipped"]);
      expect(await left(lab)).toEqual(["2024-03-02 skipped", "2024-02-05 sending", "2024-02-04 claimed"]);
      expect((await recordOf(store, lab, "2024-02-04"))?.owner).toBe("A");
    });

    it("removes sent papers published before the cutoff, keeps undated ones, and counts them", async () => {
      const store = handle.store;
      const papers = [
        sent("old-1", "2023-12-31T23:59:59.000Z"),
        sent("undated"),
        sent("new-1", "2024-01-01T00:00:00.000Z"),
        sent("new-2", "2024-02-15T00:00:00.000Z"),
      ];
      await deliverOne(store, aClaim(ada, "2024-03-09", { papers }), "A", t0);
      await claimOne(
        store,
        aClaim(lab, "2024-03-10", { papers: [sent("old-2", "2023-06-01T00:00:00.000Z")] }),
        tenMinutes("A"),
      );
      const removed = await store.deliveries.prune({
        deliveriesBefore: "2000-01-01",
        sentPublishedBefore: new Date("2024-01-01T00:00:00.000Z"),
      });
      expect(removed).toEqual({ deliveries: 0, sent: 2 });
      expect(await sentIdsOf(store, ada)).toEqual(["undated", "new-1", "new-2"]);
      expect(await sentIdsOf(store, lab)).toEqual([]);
      // The records stay: sent papers are forgotten by publication date, records by local date.
      expect((await store.deliveries.recent(ada, 10)).map((record) => record.paperIds)).toEqual([
        ["old-1", "undated", "new-1", "new-2"],
      ]);
    });

    it("takes picks dated before year 1 or after 9999, and forgets them by their instants", async () => {
      const store = handle.store;
      const papers = [
        sent("year-zero", "0000-01-01T00:00:00Z"),
        sent("before-any-timestamp", "-010000-01-01T00:00:00Z"),
        sent("far-future", "+010000-01-01T00:00:00Z"),
        sent("malformed", "not a date"),
      ];
      await deliverOne(store, aClaim(ada, "2024-03-09", { papers }), "A", t0);
      const copy = await store.snapshot();
      await store.replaceAll(copy);
      expect(await store.snapshot()).toEqual(copy);
      const removed = await store.deliveries.prune({
        deliveriesBefore: "2000-01-01",
        sentPublishedBefore: new Date("2024-01-01T00:00:00.000Z"),
      });
      expect(removed).toEqual({ deliveries: 0, sent: 2 });
      expect(await sentIdsOf(store, ada)).toEqual(["far-future", "malformed"]);
    });

    it("forgetting old records keeps the sent papers of their days", async () => {
      const store = handle.store;
      await deliverOne(
        store,
        aClaim(ada, "2024-01-05", { papers: [sent("p1", "2024-01-04T00:00:00.000Z")] }),
        "A",
        t0,
      );
      const removed = await store.deliveries.prune({
        deliveriesBefore: "2024-03-01",
        sentPublishedBefore: new Date("2023-01-01T00:00:00.000Z"),
      });
      expect(removed).toEqual({ deliveries: 1, sent: 0 });
      expect(await store.deliveries.recent(ada, 10)).toEqual([]);
      expect(await sentIdsOf(store, ada)).toEqual(["p1"]);
    });

    it("answers zero counts when there is nothing to forget", async () => {
      expect(
        await handle.store.deliveries.prune({ deliveriesBefore: "2024-03-01", sentPublishedBefore: t0 }),
      ).toEqual({ deliveries: 0, sent: 0 });
    });
  });
}
