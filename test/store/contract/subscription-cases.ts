import { describe, expect, it } from "vitest";
import type { ScheduledSubscription } from "../../../src/core/records.js";
import {
  aClaim,
  ada,
  aSubscription,
  bob,
  claimOne,
  deliverOne,
  lab,
  minutesAfter,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

function byKey(list: ScheduledSubscription[]): ScheduledSubscription[] {
  return [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** subscriptions: get/put/delete/pause/count, and scheduled() with each target's delivery history. */
export function subscriptionCases(handle: StoreHandle): void {
  describe("subscriptions", () => {
    it("put stores a subscription that get answers; get of another target is undefined", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription());
      expect(await subscriptions.get(ada)).toEqual(aSubscription());
      expect(await subscriptions.get(lab)).toBeUndefined();
    });

    it("put replaces the whole subscription, pause included", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription({ paused: { reason: "blocked", at: t0.toISOString() } }));
      const replacement = aSubscription({ time: "19:00", timezone: "Asia/Tokyo", days: "daily", count: 3 });
      await subscriptions.put(ada, replacement);
      const stored = await subscriptions.get(ada);
      expect(stored).toEqual(replacement);
      expect(stored?.paused).toBeUndefined();
      expect(await subscriptions.count()).toBe(1);
    });

    it("delete removes the subscription and answers true; false when there is none", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription());
      await subscriptions.put(lab, aSubscription({ chatId: "-1002003" }));
      expect(await subscriptions.delete(ada)).toBe(true);
      expect(await subscriptions.get(ada)).toBeUndefined();
      expect(await subscriptions.get(lab)).toEqual(aSubscription({ chatId: "-1002003" }));
      expect(await subscriptions.delete(ada)).toBe(false);
      expect(await subscriptions.delete(bob)).toBe(false);
    });

    it("pause records the reason and now, keeps the rest, and answers true", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription());
      expect(await subscriptions.pause(ada, "bot was blocked by the user", t0)).toBe(true);
      expect(await subscriptions.get(ada)).toEqual(
        aSubscription({ paused: { reason: "bot was blocked by the user", at: t0.toISOString() } }),
      );
    });

    it("pause answers false and creates nothing when there is no subscription", async () => {
      const { subscriptions } = handle.store;
      expect(await subscriptions.pause(ada, "chat not found", t0)).toBe(false);
      expect(await subscriptions.get(ada)).toBeUndefined();
      expect(await subscriptions.count()).toBe(0);
    });

    it("count follows puts, replacements and deletes", async () => {
      const { subscriptions } = handle.store;
      expect(await subscriptions.count()).toBe(0);
      await subscriptions.put(ada, aSubscription());
      await subscriptions.put(lab, aSubscription());
      await subscriptions.put(ada, aSubscription({ count: 2 }));
      expect(await subscriptions.count()).toBe(2);
      await subscriptions.delete(lab);
      expect(await subscriptions.count()).toBe(1);
    });

    it("scheduled lists every subscription, without history when it has no deliveries", async () => {
      const { subscriptions } = handle.store;
      await subscriptions.put(ada, aSubscription());
      await subscriptions.put(lab, aSubscription({ chatId: "-1002003" }));
      // A target with deliveries but no subscription is not scheduled.
      await claimOne(handle.store, aClaim(bob, "2024-03-10"), tenMinutes("A"));
      expect(byKey(await subscriptions.scheduled())).toEqual([
        { key: ada, subscription: aSubscription() },
        { key: lab, subscription: aSubscription({ chatId: "-1002003" }) },
      ]);
    });

    it("scheduled: lastLocalDate is the latest local date of any status, lastSentAt the latest sent one's at", async () => {
      const store = handle.store;
      await store.subscriptions.put(ada, aSubscription());
      const sentAt = minutesAfter(t0, -24 * 60);
      await deliverOne(store, aClaim(ada, "2024-03-09"), "A", sentAt);
      await claimOne(store, aClaim(ada, "2024-03-10"), tenMinutes("A"));
      await store.deliveries.markFailed(ada, "2024-03-10", "A", "chat not found", t0);
      await store.deliveries.recordUnsent(
        [{ key: ada, localDate: "2024-03-12", status: "skipped", reason: "nothing matched" }],
        t0,
      );
      await claimOne(store, aClaim(ada, "2024-03-11"), tenMinutes("A"));
      expect(await store.subscriptions.scheduled()).toEqual([
        {
          key: ada,
          subscription: aSubscription(),
          lastLocalDate: "2024-03-12",
          lastSentAt: sentAt.toISOString(),
        },
      ]);
    });

    it("scheduled: lastSentAt comes from the latest local date that was sent, not the latest at", async () => {
      const store = handle.store;
      await store.subscriptions.put(ada, aSubscription());
      const early = minutesAfter(t0, 10);
      const late = minutesAfter(t0, 60);
      await deliverOne(store, aClaim(ada, "2024-03-11"), "A", early);
      // An earlier local date, marked sent afterwards (e.g. after a takeover).
      await deliverOne(store, aClaim(ada, "2024-03-10"), "A", late);
      const [scheduled] = await store.subscriptions.scheduled();
      expect(scheduled?.lastLocalDate).toBe("2024-03-11");
      expect(scheduled?.lastSentAt).toBe(early.toISOString());
    });

    it("scheduled: claimed, failed and skipped days set lastLocalDate but not lastSentAt", async () => {
      const store = handle.store;
      await store.subscriptions.put(ada, aSubscription());
      await claimOne(store, aClaim(ada, "2024-03-10"), tenMinutes("A"));
      await claimOne(store, aClaim(ada, "2024-03-11"), tenMinutes("A"));
      await store.deliveries.markFailed(ada, "2024-03-11", "A", "forbidden", t0);
      await store.deliveries.recordUnsent(
        [{ key: ada, localDate: "2024-03-09", status: "skipped", reason: "nothing matched" }],
        t0,
      );
      const [scheduled] = await store.subscriptions.scheduled();
      expect(scheduled?.lastLocalDate).toBe("2024-03-11");
      expect(scheduled?.lastSentAt).toBeUndefined();
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const { subscriptions } = handle.store;
      const given = aSubscription();
      await subscriptions.put(ada, given);
      given.time = "00:00";
      const got = await subscriptions.get(ada);
      if (got) got.count = 9;
      const [scheduled] = await subscriptions.scheduled();
      if (scheduled) scheduled.subscription.timezone = "UTC";
      expect(await subscriptions.get(ada)).toEqual(aSubscription());
    });
  });
}
