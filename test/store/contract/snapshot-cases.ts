import { describe, expect, it } from "vitest";
import { aClaim, ada, aLibraryPaper, claimOne, lab, sent, t0, tenMinutes } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { aMixSnapshot, emptySnapshot, plainSnapshot, writeAMix } from "./snapshot-fixture.js";

/** snapshot(): everything a store holds, as the plain records that were written. */
export function snapshotCases(handle: StoreHandle): void {
  describe("snapshot", () => {
    it("an empty store's snapshot holds nothing", async () => {
      expect(plainSnapshot(await handle.store.snapshot())).toStrictEqual(plainSnapshot(emptySnapshot()));
    });

    it("after a mix of writes it answers exactly what was written", async () => {
      await writeAMix(handle.store);
      expect(plainSnapshot(await handle.store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
    });

    it("a target's deliveries come oldest local date first, its sent papers in the order sent", async () => {
      const store = handle.store;
      const skipped = (localDate: string) =>
        ({ key: ada, localDate, status: "skipped", reason: "nothing matched" }) as const;
      await store.deliveries.recordUnsent([skipped("2024-03-12")], t0);
      await claimOne(store, aClaim(ada, "2024-03-11", { papers: [sent("z"), sent("b")] }), tenMinutes("A"));
      await store.deliveries.recordUnsent([skipped("2024-03-09")], t0);
      await claimOne(store, aClaim(ada, "2024-03-10", { papers: [sent("a")] }), tenMinutes("A"));
      const snapshot = await store.snapshot();
      expect(snapshot.deliveries.map((record) => record.localDate)).toEqual([
        "2024-03-09",
        "2024-03-10",
        "2024-03-11",
        "2024-03-12",
      ]);
      expect(snapshot.sent.get(ada)?.map((paper) => paper.id)).toEqual(["z", "b", "a"]);
    });

    it("hands out copies: changing a snapshot changes nothing stored", async () => {
      const store = handle.store;
      await writeAMix(store);
      const snapshot = await store.snapshot();
      snapshot.papers[0]?.authors.push("Changed");
      snapshot.papers.pop();
      snapshot.profiles.get(ada)?.liked.push("changed");
      const subscription = snapshot.subscriptions.get(ada);
      if (subscription) subscription.time = "00:00";
      for (const record of snapshot.deliveries) {
        record.paperIds.push("changed");
        record.reply?.lines.push("changed");
      }
      snapshot.sent.get(ada)?.push(sent("changed"));
      const library = snapshot.libraries.get(lab);
      library?.papers.push(aLibraryPaper({ title: "changed" }));
      if (library?.papers[0]) library.papers[0].authors.push("Changed");
      const saved = snapshot.saved.get(ada);
      if (saved?.[0]) saved[0].savedBy = "changed";
      saved?.pop();
      const votes = snapshot.votes.get(lab);
      if (votes?.[0]) votes[0].vote = -1;
      votes?.pop();
      snapshot.deliveries.length = 0;
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
    });
  });
}
