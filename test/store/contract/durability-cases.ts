import { describe, expect, it } from "vitest";
import {
  aClaim,
  ada,
  aPaper,
  aSubscription,
  claimedRecord,
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

/** What was stored is still there after the store is closed and the same storage opened again. */
export function durabilityCases(handle: StoreHandle): void {
  describe("after close and reopen", () => {
    it("profiles survive", async () => {
      await handle.store.profiles.update(ada, t0, (profile) => {
        profile.interests.push("graph neural networks");
        profile.liked.push("2403.00001");
      });
      const store = await handle.reopen();
      expect(await store.profiles.get(ada)).toEqual({
        interests: ["graph neural networks"],
        liked: ["2403.00001"],
        disliked: [],
        updatedAt: t0.toISOString(),
      });
      await store.profiles.update(ada, t0, (profile) => void profile.disliked.push("2403.00002"));
      expect((await store.profiles.get(ada))?.disliked).toEqual(["2403.00002"]);
    });

    it("subscriptions survive, pause included", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription());
      await subscriptions.put(lab, aSubscription({ chatId: "-1002003" }));
      await subscriptions.pause(lab, "chat not found", t0);
      await subscriptions.put(lab, aSubscription({ chatId: "-1002003" }));
      await subscriptions.pause(lab, "kicked", t0);
      const store = await handle.reopen();
      expect(await store.subscriptions.get(ada)).toEqual(aSubscription());
      expect(await store.subscriptions.get(lab)).toEqual(
        aSubscription({ chatId: "-1002003", paused: { reason: "kicked", at: t0.toISOString() } }),
      );
      expect(await store.subscriptions.count()).toBe(2);
    });

    it("delivery records, leases and the sent history survive", async () => {
      const sentAt = minutesAfter(t0, -60);
      await deliverOne(handle.store, aClaim(ada, "2024-03-09", { papers: [sent("p1")] }), "A", sentAt);
      const lease = tenMinutes("A");
      const open = aClaim(ada, "2024-03-10", {
        papers: [sent("p2", "2024-03-01T00:00:00.000Z")],
        late: true,
      });
      await claimOne(handle.store, open, lease);
      await handle.store.deliveries.recordUnsent(
        [{ key: lab, localDate: "2024-03-10", status: "skipped", reason: "nothing matched" }],
        t0,
      );
      const before = [
        ...(await handle.store.deliveries.recent(ada, 10)),
        ...(await handle.store.deliveries.recent(lab, 10)),
      ];

      const store = await handle.reopen();
      const { deliveries } = store;
      expect([...(await deliveries.recent(ada, 10)), ...(await deliveries.recent(lab, 10))]).toStrictEqual(
        before,
      );
      expect(await recordOf(store, ada, "2024-03-10")).toStrictEqual(claimedRecord(open, lease, t0));
      expect(await sentIdsOf(store, ada)).toEqual(["p1", "p2"]);
      expect(await deliveries.claim([aClaim(ada, "2024-03-10")], tenMinutes("B"), t0)).toEqual(new Set());
      expect(await deliveries.startSending(ada, "2024-03-10", lease, t0)).toBe(true);
      const removed = await deliveries.prune({
        deliveriesBefore: "2000-01-01",
        sentPublishedBefore: new Date("2024-03-02T00:00:00.000Z"),
      });
      expect(removed).toEqual({ deliveries: 0, sent: 1 });
    });

    it("papers survive in their order", async () => {
      await handle.store.papers.put([aPaper("a"), aPaper("b")]);
      await handle.store.papers.put([aPaper("c"), aPaper("a", { title: "Revised" })]);
      const store = await handle.reopen();
      expect(await store.papers.all()).toEqual([aPaper("a", { title: "Revised" }), aPaper("b"), aPaper("c")]);
      await store.papers.put([aPaper("d")]);
      expect(await store.papers.count()).toBe(4);
    });

    it("close waits for the writes in progress", async () => {
      const { profiles, subscriptions, papers, deliveries } = handle.store;
      const pending = [
        profiles.update(ada, t0, (profile) => void profile.liked.push("2403.00001")),
        subscriptions.put(ada, aSubscription()),
        papers.put([aPaper("a")]),
        deliveries.claim([aClaim(ada, "2024-03-10")], tenMinutes("A"), t0),
      ];
      const store = await handle.reopen();
      await Promise.all(pending);
      expect((await store.profiles.get(ada))?.liked).toEqual(["2403.00001"]);
      expect(await store.subscriptions.get(ada)).toEqual(aSubscription());
      expect(await store.papers.count()).toBe(1);
      expect((await recordOf(store, ada, "2024-03-10"))?.status).toBe("claimed");
    });
  });
}
