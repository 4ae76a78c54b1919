import { describe, expect, it } from "vitest";
import type { Delivery } from "../../../src/core/records.js";
import type { NewClaim } from "../../../src/core/store/port.js";
import {
  aClaim,
  ada,
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
/** A fresh claim each time: no case can see another's objects. */
const aClaim10th = (): NewClaim => aClaim(ada, day, { papers: [sent("p1"), sent("p2")], late: true });
const claimed = claimedRecord(aClaim10th(), leaseA, t0);
/** What is left of the record once it is done: no owner, lease or reply. */
const { owner: _owner, leaseUntil: _leaseUntil, reply: _reply, ...settled } = claimed;

/** startSending, markSent, markFailed and release: only the live holder of a claim moves it on. */
export function leaseCases(handle: StoreHandle): void {
  async function claimed10th(): Promise<void> {
    await claimOne(handle.store, aClaim10th(), leaseA);
  }
  const record = (): Promise<Delivery | undefined> => recordOf(handle.store, ada, day);

  describe("deliveries: startSending", () => {
    it("the live owner starts sending: status sending, lease renewed, the rest kept", async () => {
      await claimed10th();
      const renewed = leaseOf("instance-A", minutesAfter(t0, 30));
      const now = minutesAfter(t0, 2);
      expect(await handle.store.deliveries.startSending(ada, day, renewed, now)).toBe(true);
      expect(await record()).toStrictEqual({
        ...claimed,
        at: expect.any(String),
        status: "sending",
        leaseUntil: renewed.until.toISOString(),
      });
    });

    it("answers true at the very instant the lease ends (leaseUntil >= now)", async () => {
      await claimed10th();
      expect(await handle.store.deliveries.startSending(ada, day, leaseA, leaseA.until)).toBe(true);
    });

    it("answers false to a stranger and changes nothing", async () => {
      await claimed10th();
      const stranger = tenMinutes("instance-B");
      expect(await handle.store.deliveries.startSending(ada, day, stranger, t0)).toBe(false);
      expect(await record()).toStrictEqual(claimed);
    });

    it("answers false once the lease has ended, and changes nothing", async () => {
      await claimed10th();
      const after = minutesAfter(leaseA.until, 1);
      expect(
        await handle.store.deliveries.startSending(ada, day, tenMinutes("instance-A", after), after),
      ).toBe(false);
      expect(await record()).toStrictEqual(claimed);
    });

    it("answers false the second time: the record is sending, not claimed", async () => {
      await claimed10th();
      const { deliveries } = handle.store;
      expect(await deliveries.startSending(ada, day, leaseA, t0)).toBe(true);
      expect(await deliveries.startSending(ada, day, leaseA, t0)).toBe(false);
    });

    it("answers false for a day without a record, or one that is done", async () => {
      const { deliveries } = handle.store;
      expect(await deliveries.startSending(ada, day, leaseA, t0)).toBe(false);
      await claimed10th();
      await deliveries.markSent(ada, day, "instance-A", t0);
      expect(await deliveries.startSending(ada, day, leaseA, t0)).toBe(false);
      expect((await record())?.status).toBe("sent");
    });
  });

  describe("deliveries: markSent", () => {
    it("marks a sending record sent: sentIds = picks, at = now, owner, lease and reply cleared", async () => {
      await claimed10th();
      const { deliveries } = handle.store;
      await deliveries.startSending(ada, day, leaseA, t0);
      const now = minutesAfter(t0, 1);
      expect(await deliveries.markSent(ada, day, "instance-A", now)).toBe(true);
      expect(await record()).toStrictEqual({
        ...settled,
        status: "sent",
        at: now.toISOString(),
        sentIds: ["p1", "p2"],
      });
      expect(await sentIdsOf(handle.store, ada)).toEqual(["p1", "p2"]);
    });

    it("marks a claimed record sent too, and does not look at the lease", async () => {
      await claimed10th();
      const now = minutesAfter(leaseA.until, 5);
      expect(await handle.store.deliveries.markSent(ada, day, "instance-A", now)).toBe(true);
      expect(await record()).toStrictEqual({
        ...settled,
        status: "sent",
        at: now.toISOString(),
        sentIds: ["p1", "p2"],
      });
    });

    it("answers false to a stranger, twice, or without a record, and changes nothing", async () => {
      const { deliveries } = handle.store;
      expect(await deliveries.markSent(ada, day, "instance-A", t0)).toBe(false);
      await claimed10th();
      expect(await deliveries.markSent(ada, day, "instance-B", t0)).toBe(false);
      expect(await record()).toStrictEqual(claimed);
      expect(await deliveries.markSent(ada, day, "instance-A", t0)).toBe(true);
      const done = await record();
      expect(await deliveries.markSent(ada, day, "instance-A", minutesAfter(t0, 1))).toBe(false);
      expect(await record()).toStrictEqual(done);
    });
  });

  describe("deliveries: markFailed", () => {
    it("marks the record failed with the reason; its picks stay in the sent history", async () => {
      await claimed10th();
      const { deliveries } = handle.store;
      await deliveries.startSending(ada, day, leaseA, t0);
      const now = minutesAfter(t0, 1);
      expect(await deliveries.markFailed(ada, day, "instance-A", "chat not found", now)).toBe(true);
      expect(await record()).toStrictEqual({
        ...settled,
        status: "failed",
        at: now.toISOString(),
        error: "chat not found",
      });
      expect(await sentIdsOf(handle.store, ada)).toEqual(["p1", "p2"]);
    });

    it("fails a claimed record too", async () => {
      await claimed10th();
      expect(await handle.store.deliveries.markFailed(ada, day, "instance-A", "forbidden", t0)).toBe(true);
      expect((await record())?.status).toBe("failed");
    });

    it("answers false to a stranger or once done, and changes nothing", async () => {
      await claimed10th();
      const { deliveries } = handle.store;
      expect(await deliveries.markFailed(ada, day, "instance-B", "nope", t0)).toBe(false);
      expect(await record()).toStrictEqual(claimed);
      await deliveries.markSent(ada, day, "instance-A", t0);
      const done = await record();
      expect(await deliveries.markFailed(ada, day, "instance-A", "too late", t0)).toBe(false);
      expect(await record()).toStrictEqual(done);
      expect(await deliveries.markFailed(lab, day, "instance-A", "no record", t0)).toBe(false);
    });
  });

  describe("deliveries: release", () => {
    it("removes the record and its picks from the sent history, so the day can be claimed again", async () => {
      const store = handle.store;
      await claimOne(store, aClaim(ada, "2024-03-09", { papers: [sent("p0")] }), leaseA);
      await claimed10th();
      await store.deliveries.startSending(ada, day, leaseA, t0);
      expect(await store.deliveries.release(ada, day, "instance-A")).toBe(true);
      expect(await record()).toBeUndefined();
      expect(await sentIdsOf(store, ada)).toEqual(["p0"]);
      const again = await store.deliveries.claim(
        [aClaim10th()],
        tenMinutes("instance-B"),
        minutesAfter(t0, 1),
      );
      expect(again).toEqual(new Set([ada]));
    });

    it("releases a claimed record too", async () => {
      await claimed10th();
      expect(await handle.store.deliveries.release(ada, day, "instance-A")).toBe(true);
      expect(await record()).toBeUndefined();
      expect(await sentIdsOf(handle.store, ada)).toEqual([]);
    });

    it("answers false to a stranger or once done, and changes nothing", async () => {
      await claimed10th();
      const { deliveries } = handle.store;
      expect(await deliveries.release(ada, day, "instance-B")).toBe(false);
      expect(await record()).toStrictEqual(claimed);
      expect(await sentIdsOf(handle.store, ada)).toEqual(["p1", "p2"]);
      await deliveries.markFailed(ada, day, "instance-A", "forbidden", t0);
      const done = await record();
      expect(await deliveries.release(ada, day, "instance-A")).toBe(false);
      expect(await record()).toStrictEqual(done);
      expect(await sentIdsOf(handle.store, ada)).toEqual(["p1", "p2"]);
      expect(await deliveries.release(lab, day, "instance-A")).toBe(false);
    });
  });
}
