import { describe, expect, it } from "vitest";
import type { RateLimiter } from "../../../src/core/schedule/rate-limit.js";
import type { Subscription } from "../../../src/core/records.js";
import { LEASE_MS } from "../../../src/core/schedule/lease.js";
import {
  crashable,
  deliveriesOf,
  FakeAdapter,
  LATE_LINE,
  PAPERS,
  fanOut,
  storeWith,
  subscription,
} from "./helpers.js";

// 08:00 in Paris on 2026-06-01 (summer time, UTC+2).
const SLOT = "2026-06-01T06:00:00Z";
const after = (minutes: number) => new Date(Date.parse(SLOT) + minutes * 60_000);

describe("restarts", () => {
  it("does not resend after a restart the same day", async () => {
    const adapter = new FakeAdapter("telegram");
    const store = await storeWith({ "telegram:user:42": subscription() });
    await fanOut({ store, now: after(0), adapters: { telegram: adapter } });
    expect(adapter.sends).toHaveLength(1);

    const summary = await fanOut({
      store,
      owner: "restarted",
      now: after(30),
      adapters: { telegram: adapter },
    });
    expect(summary.due).toBe(0);
    expect(adapter.sends).toHaveLength(1);
  });

  it("catches up a missed slot within the grace window, saying it is late", async () => {
    const adapter = new FakeAdapter("telegram");
    const store = await storeWith({ "telegram:user:42": subscription() });
    const summary = await fanOut({ store, now: after(3 * 60), adapters: { telegram: adapter } });

    expect(summary).toMatchObject({ sent: 1, late: 1 });
    expect(adapter.sends[0]?.reply.lines).toContain(LATE_LINE);
    expect(await deliveriesOf(store, "telegram:user:42")).toEqual([
      expect.objectContaining({ localDate: "2026-06-01", status: "sent", late: true, sentIds: PAPERS }),
    ]);
  });

  it("skips a slot missed beyond the grace window, records it once, and delivers the next day", async () => {
    const adapter = new FakeAdapter("telegram");
    const store = await storeWith({ "telegram:user:42": subscription() });
    const missed = await fanOut({ store, now: after(7 * 60), adapters: { telegram: adapter } });
    const again = await fanOut({ store, now: after(7 * 60 + 1), adapters: { telegram: adapter } });

    expect(missed).toMatchObject({ sent: 0, skipped: 1 });
    expect(again).toMatchObject({ due: 0, skipped: 0 });
    expect(adapter.sends).toHaveLength(0);
    expect((await deliveriesOf(store, "telegram:user:42"))[0]).toMatchObject({ status: "skipped" });

    await fanOut({ store, now: after(24 * 60), adapters: { telegram: adapter } });
    expect(adapter.sends).toHaveLength(1);
    expect(adapter.sends[0]?.reply.lines).not.toContain(LATE_LINE);
  });

  it.each([1, 4, 6, 9])(
    "never sends a paper twice to a target when the process dies after %i sends",
    async (sendsBeforeCrash) => {
      const subscriptions: Record<string, Subscription> = {};
      for (let n = 0; n < 10; n++) subscriptions[`telegram:user:${n}`] = subscription({ chatId: String(n) });
      const shared = await storeWith(subscriptions);
      const dead = crashable(shared);
      // Small claim batches (2 at a time), so the crash falls in the middle of the fan-out.
      const slow: RateLimiter = { acquire: async () => {}, ratePerSecond: 1 };
      const dying = new FakeAdapter("telegram");
      dying.answer = () => {
        if (dying.sends.length <= sendsBeforeCrash) return { ok: true };
        dead.crash();
        return new Promise(() => {}); // the process is gone: this send never completes
      };
      void fanOut({
        store: dead.store,
        now: after(0),
        adapters: { telegram: dying },
        limiters: { telegram: slow },
        concurrency: 2,
      });
      await expect.poll(() => dead.crashed).toBe(true);

      // Restarted (or another instance) once the dead one's lease has ended.
      const fresh = new FakeAdapter("telegram");
      await fanOut({
        store: shared,
        owner: "restarted",
        now: after(LEASE_MS / 60_000 + 1),
        adapters: { telegram: fresh },
        limiters: { telegram: slow },
      });

      const all = [...dying.sends, ...fresh.sends].map((send) => send.chatId);
      for (let n = 0; n < 10; n++) {
        const received = all.filter((chatId) => chatId === String(n)).length;
        expect(received).toBeLessThanOrEqual(1);
        // Never reached: it was being handed over when the process died, so it counts as failed.
        if (received === 0) {
          expect((await deliveriesOf(shared, `telegram:user:${n}`))[0]?.status).toBe("failed");
        }
      }
      // Claims the dead process had not started are taken over and sent; only the sends in
      // flight (one per worker) can be lost.
      expect(new Set(all).size).toBeGreaterThanOrEqual(10 - 2);
      const history = await shared.deliveries.historyOf(["telegram:user:0"]);
      expect(history.get("telegram:user:0")?.sent).toEqual(PAPERS);
    },
  );

  it("does not resend to a target whose adapter threw mid-fan-out, and still serves the others", async () => {
    const subscriptions: Record<string, Subscription> = {};
    for (let n = 0; n < 5; n++) subscriptions[`discord:channel:${n}`] = subscription({ chatId: String(n) });
    const store = await storeWith(subscriptions);
    const adapter = new FakeAdapter("discord");
    adapter.answer = (chatId) => {
      if (chatId === "2") throw new Error("socket hang up");
      return { ok: true };
    };
    const summary = await fanOut({ store, now: after(0), adapters: { discord: adapter } });
    await fanOut({ store, now: after(1), adapters: { discord: adapter } });

    expect(summary).toMatchObject({ sent: 4, failed: 1 });
    expect(adapter.sends.filter((send) => send.chatId === "2")).toHaveLength(1);
    expect((await deliveriesOf(store, "discord:channel:2"))[0]).toMatchObject({
      status: "failed",
      error: "socket hang up",
    });
  });
});
