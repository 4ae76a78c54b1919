import { describe, expect, it } from "vitest";
import type { Delivery, ScheduledSubscription } from "../../../src/core/records.js";
import type { Store } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";
import {
  aClaim,
  ada,
  aLibrary,
  aPaper,
  aSubscription,
  bob,
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
import {
  aMixSnapshot,
  emptySnapshot,
  mixCounts,
  mixLease,
  mixSendingLease,
  mixSentAt,
  noCounts,
  plainSnapshot,
  writeAMix,
} from "./snapshot-fixture.js";

const gone: TargetKey = "discord:channel:7";

/** Records that the mix does not have, for a target it does not know and for one it does. */
async function writeOthers(store: Store): Promise<void> {
  await store.papers.put([aPaper("old-1"), aPaper("2403.00001", { title: "Old title" })]);
  await store.profiles.update(bob, t0, (profile) => void profile.liked.push("old-1"));
  await store.profiles.update(ada, t0, (profile) => void profile.interests.push("an old interest"));
  await store.subscriptions.put(gone, aSubscription({ chatId: "7" }));
  await store.libraries.put(gone, aLibrary());
  await store.libraries.put(lab, aLibrary({ importedAt: "2024-01-01T00:00:00.000Z", papers: [] }));
  await store.readingLists.save(gone, { paperId: "old-1", savedBy: "7", savedAt: t0.toISOString() });
  await store.readingLists.save(lab, { paperId: "old-2", savedBy: "7", savedAt: t0.toISOString() });
  await store.votes.cast(gone, "old-1", "7", 1, t0);
  await store.votes.cast(lab, "2403.00001", "m9", -1, t0);
  await deliverOne(store, aClaim(gone, "2024-03-01", { papers: [sent("old-1")] }), "instance-Z", t0);
  await store.deliveries.claim([aClaim(ada, "2024-03-05", { papers: [sent("old-2")] })], tenMinutes("Z"), t0);
}

function mixRecord(key: TargetKey, localDate: string): Delivery {
  const record = aMixSnapshot().deliveries.find((it) => it.key === key && it.localDate === localDate);
  if (!record) throw new Error(`the mix has no record for ${key} ${localDate}`);
  return record;
}

function byKey(list: ScheduledSubscription[]): ScheduledSubscription[] {
  return [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** replaceAll(snapshot): what copying one store into another relies on. */
export function replaceAllCases(handle: StoreHandle): void {
  describe("replaceAll", () => {
    it("into an empty store: snapshot() then answers the same records, and counts them", async () => {
      await handle.store.replaceAll(aMixSnapshot());
      expect(plainSnapshot(await handle.store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
      expect(await handle.store.counts()).toStrictEqual(mixCounts);
    });

    it("a store's own snapshot put back with replaceAll changes nothing", async () => {
      const store = handle.store;
      await writeAMix(store);
      await store.replaceAll(await store.snapshot());
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
    });

    it("removes everything that was there before, papers included", async () => {
      const store = handle.store;
      await writeOthers(store);
      await store.replaceAll(aMixSnapshot());
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
      expect(await store.papers.all()).toEqual(aMixSnapshot().papers);
      expect(await store.profiles.get(bob)).toBeUndefined();
      expect(await store.profiles.get(ada)).toEqual(aMixSnapshot().profiles.get(ada));
      expect(await store.subscriptions.get(gone)).toBeUndefined();
      expect(await store.libraries.get(gone)).toBeUndefined();
      expect(await store.libraries.get(lab)).toStrictEqual(aMixSnapshot().libraries.get(lab));
      expect(await store.readingLists.all(gone)).toEqual([]);
      expect(await store.readingLists.all(lab)).toStrictEqual(aMixSnapshot().saved.get(lab));
      expect(await store.votes.totals(gone, ["old-1"])).toEqual(new Map([["old-1", { up: 0, down: 0 }]]));
      expect((await store.votes.totals(lab, ["2403.00001"])).get("2403.00001")).toEqual({ up: 2, down: 2 });
      expect(await store.deliveries.recent(gone, 10)).toEqual([]);
      expect(await recordOf(store, ada, "2024-03-05")).toBeUndefined();
      expect(await sentIdsOf(store, gone)).toEqual([]);
      expect(await sentIdsOf(store, ada)).toEqual(["p1", "p2", "p3", "p4"]);
      expect(await store.counts()).toStrictEqual(mixCounts);
    });

    it("an empty snapshot empties the store", async () => {
      const store = handle.store;
      await writeAMix(store);
      await store.replaceAll(emptySnapshot());
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(emptySnapshot()));
      expect(await store.counts()).toStrictEqual(noCounts);
      expect(await store.papers.all()).toEqual([]);
      expect(await store.libraries.sizes([ada, lab, bob])).toEqual(new Map());
      expect(await store.subscriptions.scheduled()).toEqual([]);
    });

    it("a snapshot copied into another, fresh store answers the same there", async () => {
      await writeAMix(handle.store);
      const other = await handle.fresh();
      await other.replaceAll(await handle.store.snapshot());
      const copied = plainSnapshot(await other.snapshot());
      expect(copied).toStrictEqual(plainSnapshot(await handle.store.snapshot()));
      expect(copied).toStrictEqual(plainSnapshot(aMixSnapshot()));
    });

    it("keeps none of the caller's objects", async () => {
      const store = handle.store;
      const given = aMixSnapshot();
      await store.replaceAll(given);
      given.papers[0]?.authors.push("Changed");
      given.papers.pop();
      given.profiles.get(ada)?.liked.push("changed");
      given.subscriptions.delete(bob);
      for (const record of given.deliveries) record.reply?.lines.push("changed");
      given.deliveries.pop();
      given.sent.get(ada)?.push(sent("changed"));
      given.libraries.get(lab)?.papers.pop();
      given.libraries.set(bob, aLibrary());
      given.saved.get(lab)?.pop();
      const labVotes = given.votes.get(lab);
      if (labVotes?.[0]) labVotes[0].member = "changed";
      given.votes.set(bob, []);
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
    });

    it("a copied claim is its owner's until its lease ends, then taken over like any other", async () => {
      const store = handle.store;
      const { deliveries } = store;
      await store.replaceAll(aMixSnapshot());
      expect(await deliveries.claim([aClaim(ada, "2024-03-10")], tenMinutes("instance-B"), t0)).toEqual(
        new Set(),
      );
      expect(await deliveries.startSending(ada, "2024-03-10", tenMinutes("instance-B"), t0)).toBe(false);
      const later = minutesAfter(mixLease.until, 1);
      const leaseB = tenMinutes("instance-B", later);
      const taken = await deliveries.takeOver(leaseB, later);
      const expected = {
        ...mixRecord(ada, "2024-03-10"),
        at: expect.any(String),
        owner: "instance-B",
        leaseUntil: leaseB.until.toISOString(),
      };
      expect(taken).toStrictEqual([expected]);
      // The copied sending record's lease runs longer: it is still its owner's.
      expect(await recordOf(store, lab, "2024-03-10")).toStrictEqual(mixRecord(lab, "2024-03-10"));
      expect(await deliveries.markSent(lab, "2024-03-10", "instance-A", later)).toBe(true);
      expect(await deliveries.startSending(ada, "2024-03-10", leaseB, later)).toBe(true);
    });

    it("a copied sending record whose lease ended becomes failed on takeover", async () => {
      const store = handle.store;
      await store.replaceAll(aMixSnapshot());
      const later = minutesAfter(mixSendingLease.until, 1);
      await store.deliveries.takeOver(tenMinutes("instance-B", later), later);
      const record = await recordOf(store, lab, "2024-03-10");
      expect([record?.status, record?.error, record?.owner]).toEqual([
        "failed",
        "interrupted while sending",
        undefined,
      ]);
    });

    it("copied subscriptions are scheduled with the copied history, and the other records work on", async () => {
      const store = handle.store;
      await store.replaceAll(aMixSnapshot());
      const copied = aMixSnapshot();
      expect(byKey(await store.subscriptions.scheduled())).toEqual([
        { key: bob, subscription: copied.subscriptions.get(bob), lastLocalDate: "2024-03-10" },
        {
          key: ada,
          subscription: copied.subscriptions.get(ada),
          lastLocalDate: "2024-03-10",
          lastSentAt: mixSentAt.toISOString(),
        },
        { key: lab, subscription: copied.subscriptions.get(lab), lastLocalDate: "2024-03-10" },
      ]);
      expect((await store.deliveries.historyOf([lab])).get(lab)?.sent).toEqual(["p7"]);
      const later = minutesAfter(t0, 60);
      await store.profiles.update(ada, later, (profile) => void profile.liked.push("2403.00009"));
      expect((await store.profiles.get(ada))?.liked).toEqual(["2403.00001", "2403.00009"]);
      await store.papers.put([aPaper("new"), aPaper("2403.00003", { title: "Replaced" })]);
      expect((await store.papers.all()).map((paper) => paper.title)).toEqual([
        "Replaced",
        "Revised",
        "Paper hf-seed-1",
        "Paper 2403.00002",
        "Paper new",
      ]);
      const pruned = await store.deliveries.prune({
        deliveriesBefore: "2024-03-09",
        sentPublishedBefore: new Date("2024-03-01T00:00:00.000Z"),
      });
      expect(pruned).toEqual({ deliveries: 1, sent: 1 });
    });
  });
}

/** A store that was replaced keeps the new records, and only those, after a restart. */
export function replaceAllDurabilityCases(handle: StoreHandle): void {
  describe("replaceAll, after close and reopen", () => {
    it("a replaced store survives close and reopen", async () => {
      await writeOthers(handle.store);
      await handle.store.replaceAll(aMixSnapshot());
      const store = await handle.reopen();
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(plainSnapshot(aMixSnapshot()));
      expect(await store.counts()).toStrictEqual(mixCounts);
      await store.papers.put([aPaper("after")]);
      expect((await store.papers.all()).map((paper) => paper.id)).toEqual([
        ...aMixSnapshot().papers.map((paper) => paper.id),
        "after",
      ]);
    });
  });
}
