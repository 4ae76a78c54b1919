import { describe, expect, it } from "vitest";
import {
  aClaim,
  ada,
  aReply,
  bob,
  claimedRecord,
  claimOne,
  lab,
  minutesAfter,
  recordOf,
  sent,
  sentIdsOf,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

/** deliveries.claim and deliveries.recordUnsent: one record per (target, local date), at most once. */
export function claimCases(handle: StoreHandle): void {
  describe("deliveries: claim and recordUnsent", () => {
    it("claim inserts claimed records with owner, lease, reply and chatId, and answers their keys", async () => {
      const { deliveries } = handle.store;
      const lease = tenMinutes("instance-A");
      const forAda = aClaim(ada, "2024-03-10", { late: true });
      const forLab = aClaim(lab, "2024-03-11", {
        papers: [sent("2403.00007", "2024-03-09T00:00:00.000Z")],
        reply: aReply("Lab digest"),
        chatId: "-1002003",
      });
      const claimed = await deliveries.claim([forAda, forLab], lease, t0);
      expect(claimed).toEqual(new Set([ada, lab]));
      expect(await deliveries.recent(ada, 10)).toStrictEqual([claimedRecord(forAda, lease, t0)]);
      expect(await deliveries.recent(lab, 10)).toStrictEqual([claimedRecord(forLab, lease, t0)]);
    });

    it("claim adds the picks to the target's sent history, in order", async () => {
      const store = handle.store;
      await claimOne(store, aClaim(ada, "2024-03-09", { papers: [sent("p1"), sent("p2")] }), tenMinutes("A"));
      await claimOne(store, aClaim(ada, "2024-03-10", { papers: [sent("p3")] }), tenMinutes("A"));
      await claimOne(store, aClaim(lab, "2024-03-10", { papers: [sent("p9")] }), tenMinutes("A"));
      expect(await sentIdsOf(store, ada)).toEqual(["p1", "p2", "p3"]);
      expect(await sentIdsOf(store, lab)).toEqual(["p9"]);
    });

    it("claim answers an empty set for no claims", async () => {
      expect(await handle.store.deliveries.claim([], tenMinutes("A"), t0)).toEqual(new Set());
    });

    it("a second claim of the same day by another owner is not claimed and changes nothing", async () => {
      const store = handle.store;
      const first = aClaim(ada, "2024-03-10", { papers: [sent("p1")] });
      const leaseA = tenMinutes("instance-A");
      await claimOne(store, first, leaseA);
      const second = aClaim(ada, "2024-03-10", {
        papers: [sent("p2")],
        reply: aReply("Another digest"),
        chatId: "elsewhere",
        late: true,
      });
      const later = minutesAfter(t0, 1);
      expect(await store.deliveries.claim([second], tenMinutes("instance-B", later), later)).toEqual(
        new Set(),
      );
      expect(await store.deliveries.recent(ada, 10)).toStrictEqual([claimedRecord(first, leaseA, t0)]);
      expect(await sentIdsOf(store, ada)).toEqual(["p1"]);
    });

    it("claim skips the days that have a record and claims the others of the same call", async () => {
      const store = handle.store;
      await store.deliveries.recordUnsent(
        [{ key: ada, localDate: "2024-03-10", status: "skipped", reason: "nothing matched" }],
        t0,
      );
      const lease = tenMinutes("A");
      const free = aClaim(lab, "2024-03-10", { papers: [sent("p7")] });
      const claimed = await store.deliveries.claim(
        [aClaim(ada, "2024-03-10", { papers: [sent("p1")] }), free],
        lease,
        t0,
      );
      expect(claimed).toEqual(new Set([lab]));
      expect((await recordOf(store, ada, "2024-03-10"))?.status).toBe("skipped");
      expect(await sentIdsOf(store, ada)).toEqual([]);
      expect(await recordOf(store, lab, "2024-03-10")).toStrictEqual(claimedRecord(free, lease, t0));
    });

    it("a day that was sent, failed or skipped is never claimed again", async () => {
      const store = handle.store;
      const { deliveries } = store;
      await claimOne(store, aClaim(ada, "2024-03-10"), tenMinutes("A"));
      await deliveries.markSent(ada, "2024-03-10", "A", t0);
      await claimOne(store, aClaim(lab, "2024-03-10"), tenMinutes("A"));
      await deliveries.markFailed(lab, "2024-03-10", "A", "forbidden", t0);
      await deliveries.recordUnsent(
        [{ key: bob, localDate: "2024-03-10", status: "failed", reason: "x" }],
        t0,
      );
      const retry = [ada, lab, bob].map((key) => aClaim(key, "2024-03-10"));
      const later = minutesAfter(t0, 60);
      expect(await deliveries.claim(retry, tenMinutes("B", later), later)).toEqual(new Set());
    });

    it("the same target's other days are claimed independently", async () => {
      const store = handle.store;
      await claimOne(store, aClaim(ada, "2024-03-10"), tenMinutes("A"));
      const next = await store.deliveries.claim([aClaim(ada, "2024-03-11")], tenMinutes("A"), t0);
      expect(next).toEqual(new Set([ada]));
      expect((await store.deliveries.recent(ada, 10)).map((record) => record.localDate)).toEqual([
        "2024-03-11",
        "2024-03-10",
      ]);
    });

    it("two owners claiming the same day at once: exactly one wins, and only its picks are remembered", async () => {
      const store = handle.store;
      const leaseA = tenMinutes("instance-A");
      const leaseB = tenMinutes("instance-B");
      const [byA, byB] = await Promise.all([
        store.deliveries.claim([aClaim(ada, "2024-03-10", { papers: [sent("a1"), sent("a2")] })], leaseA, t0),
        store.deliveries.claim([aClaim(ada, "2024-03-10", { papers: [sent("b1"), sent("b2")] })], leaseB, t0),
      ]);
      expect(byA.size + byB.size).toBe(1);
      const winner = byA.has(ada) ? "instance-A" : "instance-B";
      const record = await recordOf(store, ada, "2024-03-10");
      expect(record?.owner).toBe(winner);
      const picks = winner === "instance-A" ? ["a1", "a2"] : ["b1", "b2"];
      expect(record?.paperIds).toEqual(picks);
      expect(await sentIdsOf(store, ada)).toEqual(picks);
    });

    it("recordUnsent inserts a record with the status and reason, no picks and no lease", async () => {
      const { deliveries } = handle.store;
      await deliveries.recordUnsent(
        [
          { key: ada, localDate: "2024-03-10", status: "skipped", reason: "nothing matched" },
          { key: lab, localDate: "2024-03-10", status: "failed", reason: "index not ready" },
        ],
        t0,
      );
      const base = { localDate: "2024-03-10", at: t0.toISOString(), paperIds: [], sentIds: [], late: false };
      expect(await deliveries.recent(ada, 10)).toStrictEqual([
        { key: ada, ...base, status: "skipped", error: "nothing matched" },
      ]);
      expect(await deliveries.recent(lab, 10)).toStrictEqual([
        { key: lab, ...base, status: "failed", error: "index not ready" },
      ]);
    });

    it("recordUnsent does not overwrite a day that has a record", async () => {
      const store = handle.store;
      const lease = tenMinutes("A");
      const claim = aClaim(ada, "2024-03-10");
      await claimOne(store, claim, lease);
      await store.deliveries.recordUnsent(
        [{ key: lab, localDate: "2024-03-10", status: "skipped", reason: "first reason" }],
        t0,
      );
      const later = minutesAfter(t0, 5);
      await store.deliveries.recordUnsent(
        [
          { key: ada, localDate: "2024-03-10", status: "failed", reason: "should not replace the claim" },
          { key: lab, localDate: "2024-03-10", status: "failed", reason: "second reason" },
        ],
        later,
      );
      expect(await recordOf(store, ada, "2024-03-10")).toStrictEqual(claimedRecord(claim, lease, t0));
      const lab10 = await recordOf(store, lab, "2024-03-10");
      expect([lab10?.status, lab10?.error, lab10?.at]).toEqual(["skipped", "first reason", t0.toISOString()]);
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const store = handle.store;
      const lease = tenMinutes("A");
      const claim = aClaim(ada, "2024-03-10");
      await claimOne(store, claim, lease);
      const expected = claimedRecord(structuredClone(claim), lease, t0);
      claim.reply.lines.push("changed by the caller after claim");
      const [record] = await store.deliveries.recent(ada, 10);
      record?.paperIds.push("changed");
      record?.reply?.cards.pop();
      if (record) record.status = "sent";
      (await store.deliveries.historyOf([ada])).get(ada)?.sent.push("changed");
      expect(await store.deliveries.recent(ada, 10)).toStrictEqual([expected]);
      expect(await sentIdsOf(store, ada)).toEqual(claim.papers.map((paper) => paper.id));
    });
  });
}
