import { describe, expect, it } from "vitest";
import type { NewClaim } from "../../../src/core/store/port.js";
import {
  aClaim,
  ada,
  aReply,
  claimedRecord,
  claimOne,
  lab,
  leaseOf,
  minutesAfter,
  recordOf,
  sent,
  sentIdsOf,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

const day = "2024-03-10";
const leaseA = tenMinutes("instance-A");
/** After instance A's lease ended. */
const later = minutesAfter(leaseA.until, 1);
const leaseB = tenMinutes("instance-B", later);

const adaClaim = (): NewClaim =>
  aClaim(ada, day, {
    papers: [sent("p1"), sent("p2")],
    reply: aReply("For Ada"),
    chatId: "dm-ada",
    late: true,
  });
const labClaim = (): NewClaim => aClaim(lab, day, { papers: [sent("p7")], reply: aReply("For the lab") });

/** deliveries.takeOver: claims whose lease ended pass to a new owner; interrupted sends fail. */
export function takeOverCases(handle: StoreHandle): void {
  describe("deliveries: takeOver", () => {
    it("returns an expired claim with the new owner and lease, and the same picks, reply and chatId", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      const taken = await store.deliveries.takeOver(leaseB, later);
      const expected = {
        ...claimedRecord(adaClaim(), leaseA, t0),
        at: expect.any(String),
        owner: "instance-B",
        leaseUntil: leaseB.until.toISOString(),
      };
      expect(taken).toStrictEqual([expected]);
      expect(await recordOf(store, ada, day)).toStrictEqual(expected);
      expect(await sentIdsOf(store, ada)).toEqual(["p1", "p2"]);
    });

    it("the new owner holds the claim; the old owner no longer does", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      await store.deliveries.takeOver(leaseB, later);
      const { deliveries } = store;
      expect(
        await deliveries.startSending(ada, day, leaseOf("instance-A", minutesAfter(later, 10)), later),
      ).toBe(false);
      expect(await deliveries.markSent(ada, day, "instance-A", later)).toBe(false);
      expect(await deliveries.release(ada, day, "instance-A")).toBe(false);
      expect(await deliveries.startSending(ada, day, leaseB, later)).toBe(true);
      expect(await deliveries.markSent(ada, day, "instance-B", later)).toBe(true);
    });

    it("returns nothing before the lease ends, nor at the very instant it ends", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      expect(await store.deliveries.takeOver(tenMinutes("instance-B", t0), minutesAfter(t0, 5))).toEqual([]);
      expect(await store.deliveries.takeOver(tenMinutes("instance-B", leaseA.until), leaseA.until)).toEqual(
        [],
      );
      expect((await recordOf(store, ada, day))?.owner).toBe("instance-A");
    });

    it("does not return the same claim twice: a second takeOver at the same now returns []", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      expect(await store.deliveries.takeOver(leaseB, later)).toHaveLength(1);
      expect(await store.deliveries.takeOver(tenMinutes("instance-C", later), later)).toEqual([]);
      expect((await recordOf(store, ada, day))?.owner).toBe("instance-B");
    });

    it("two instances taking over at once never get the same claim", async () => {
      const store = handle.store;
      await store.deliveries.claim([adaClaim(), labClaim()], leaseA, t0);
      const [toB, toC] = await Promise.all([
        store.deliveries.takeOver(leaseB, later),
        store.deliveries.takeOver(tenMinutes("instance-C", later), later),
      ]);
      const taken = [...toB, ...toC].map((record) => record.key).sort();
      expect(taken).toEqual([ada, lab].sort());
      for (const record of [...toB, ...toC]) {
        const owner = toB.includes(record) ? "instance-B" : "instance-C";
        expect((await recordOf(store, record.key, day))?.owner).toBe(owner);
      }
    });

    it("an expired sending record becomes failed, is not returned, and keeps its picks remembered", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      expect(await store.deliveries.startSending(ada, day, leaseA, t0)).toBe(true);
      expect(await store.deliveries.takeOver(leaseB, later)).toEqual([]);
      const { owner: _o, leaseUntil: _l, reply: _r, ...rest } = claimedRecord(adaClaim(), leaseA, t0);
      expect(await recordOf(store, ada, day)).toStrictEqual({
        ...rest,
        status: "failed",
        at: expect.any(String),
        error: "interrupted while sending",
      });
      expect(await sentIdsOf(store, ada)).toEqual(["p1", "p2"]);
      expect(await store.deliveries.markSent(ada, day, "instance-A", later)).toBe(false);
    });

    it("leaves live claims, live sends and finished records alone", async () => {
      const store = handle.store;
      const { deliveries } = store;
      await claimOne(store, adaClaim(), leaseA);
      await deliveries.markSent(ada, day, "instance-A", t0);
      await claimOne(store, labClaim(), leaseOf("instance-A", minutesAfter(later, 60)));
      await claimOne(store, aClaim(lab, "2024-03-11"), leaseOf("instance-A", minutesAfter(later, 60)));
      await deliveries.startSending(lab, "2024-03-11", leaseOf("instance-A", minutesAfter(later, 60)), t0);
      await deliveries.recordUnsent(
        [{ key: ada, localDate: "2024-03-11", status: "skipped", reason: "-" }],
        t0,
      );
      const before = [...(await deliveries.recent(ada, 10)), ...(await deliveries.recent(lab, 10))];
      expect(await deliveries.takeOver(leaseB, later)).toEqual([]);
      expect([...(await deliveries.recent(ada, 10)), ...(await deliveries.recent(lab, 10))]).toStrictEqual(
        before,
      );
    });

    it("hands out copies: changing a returned record changes nothing stored", async () => {
      const store = handle.store;
      await claimOne(store, adaClaim(), leaseA);
      const [taken] = await store.deliveries.takeOver(leaseB, later);
      taken?.reply?.lines.push("changed");
      taken?.paperIds.pop();
      if (taken) taken.chatId = "changed";
      const stored = await recordOf(store, ada, day);
      expect(stored?.reply).toEqual(aReply("For Ada"));
      expect([stored?.paperIds, stored?.chatId]).toEqual([["p1", "p2"], "dm-ada"]);
    });
  });
}
