import { describe, expect, it } from "vitest";
import { ada, bob, lab, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { mixCounts, noCounts, writeAMix } from "./snapshot-fixture.js";

/** counts(): how many records of each kind, for status output and checking a copy. */
export function countCases(handle: StoreHandle): void {
  describe("counts", () => {
    it("an empty store counts zero of everything", async () => {
      expect(await handle.store.counts()).toStrictEqual(noCounts);
    });

    it("counts each kind after writes, sent papers over all targets", async () => {
      await writeAMix(handle.store);
      expect(await handle.store.counts()).toStrictEqual(mixCounts);
    });

    it("counts follow deletes, releases and pruning", async () => {
      const store = handle.store;
      await writeAMix(store);
      await store.subscriptions.delete(bob);
      await store.subscriptions.delete(lab);
      await store.libraries.delete(lab);
      await store.readingLists.unsave(lab, "2403.00001");
      await store.votes.cast(lab, "2403.00001", "m1", null, t0);
      expect(await store.deliveries.release(ada, "2024-03-10", "instance-A")).toBe(true);
      await store.deliveries.prune({ deliveriesBefore: "2024-03-09", sentPublishedBefore: t0 });
      // Left: ada's skipped day, lab's sending and bob's failed one; p2 and p7 (undated).
      expect(await store.counts()).toStrictEqual({
        papers: 4,
        profiles: 2,
        subscriptions: 1,
        deliveries: 3,
        sent: 2,
        libraries: 0,
        saved: 6,
        votes: 7,
      });
    });
  });
}
