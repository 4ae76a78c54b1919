import { describe, expect, it } from "vitest";
import type { RateLimiter } from "../../../src/core/schedule/rate-limit.js";
import { StateStore } from "../../../src/core/state/state-store.js";
import type { BotState, Subscription } from "../../../src/core/state/types.js";
import { MemoryDocumentStore } from "../../../src/core/store/memory-store.js";
import {
  CrashableStore,
  FakeAdapter,
  LATE_LINE,
  PAPERS,
  fanOut,
  stateWith,
  subscription,
} from "./helpers.js";

// 08:00 in Paris on 2026-06-01 (summer time, UTC+2).
const SLOT = "2026-06-01T06:00:00Z";
const after = (minutes: number) => new Date(Date.parse(SLOT) + minutes * 60_000);

describe("restarts", () => {
  it("does not resend after a restart the same day", async () => {
    const doc = new MemoryDocumentStore<BotState>("state");
    const adapter = new FakeAdapter("telegram");
    const first = await stateWith({ "telegram:user:42": subscription() }, doc);
    await fanOut({ state: first, now: after(0), adapters: { telegram: adapter } });
    expect(adapter.sends).toHaveLength(1);

    const restarted = await StateStore.open(doc);
    const summary = await fanOut({ state: restarted, now: after(30), adapters: { telegram: adapter } });
    expect(summary.due).toBe(0);
    expect(adapter.sends).toHaveLength(1);
  });

  it("catches up a missed slot within the grace window, saying it is late", async () => {
    const adapter = new FakeAdapter("telegram");
    const state = await stateWith({ "telegram:user:42": subscription() });
    const summary = await fanOut({ state, now: after(3 * 60), adapters: { telegram: adapter } });

    expect(summary).toMatchObject({ sent: 1, late: 1 });
    expect(adapter.sends[0]?.reply.lines).toContain(LATE_LINE);
    expect(state.state.deliveries["telegram:user:42"]).toEqual([
      expect.objectContaining({ localDate: "2026-06-01", status: "sent", late: true, sentIds: PAPERS }),
    ]);
  });

  it("skips a slot missed beyond the grace window, records it once, and delivers the next day", async () => {
    const adapter = new FakeAdapter("telegram");
    const state = await stateWith({ "telegram:user:42": subscription() });
    const missed = await fanOut({ state, now: after(7 * 60), adapters: { telegram: adapter } });
    const again = await fanOut({ state, now: after(7 * 60 + 1), adapters: { telegram: adapter } });

    expect(missed).toMatchObject({ sent: 0, skipped: 1 });
    expect(again).toMatchObject({ due: 0, skipped: 0 });
    expect(adapter.sends).toHaveLength(0);
    expect(state.state.deliveries["telegram:user:42"]?.[0]).toMatchObject({ status: "skipped" });

    await fanOut({ state, now: after(24 * 60), adapters: { telegram: adapter } });
    expect(adapter.sends).toHaveLength(1);
    expect(adapter.sends[0]?.reply.lines).not.toContain(LATE_LINE);
  });

  it.each([1, 4, 6, 9])(
    "never sends a paper twice to a target when the process dies after %i sends",
    async (sendsBeforeCrash) => {
      const subscriptions: Record<string, Subscription> = {};
      for (let n = 0; n < 10; n++) subscriptions[`telegram:user:${n}`] = subscription({ chatId: String(n) });
      const doc = new CrashableStore();
      const state = await stateWith(subscriptions, doc);
      // Small claim batches (2 at a time), so the crash falls in the middle of the fan-out.
      const slow: RateLimiter = { acquire: async () => {}, ratePerSecond: 1 };
      const dying = new FakeAdapter("telegram");
      dying.answer = () => {
        if (dying.sends.length <= sendsBeforeCrash) return { ok: true };
        doc.crashed = true;
        return new Promise(() => {}); // the process is gone: this send never completes
      };
      void fanOut({
        state,
        now: after(0),
        adapters: { telegram: dying },
        limiters: { telegram: slow },
        concurrency: 2,
      });
      await expect.poll(() => doc.crashed).toBe(true);

      const restarted = await StateStore.open(doc.inner);
      const fresh = new FakeAdapter("telegram");
      await fanOut({
        state: restarted,
        now: after(2),
        adapters: { telegram: fresh },
        limiters: { telegram: slow },
      });

      const all = [...dying.sends, ...fresh.sends].map((send) => send.chatId);
      for (let n = 0; n < 10; n++) {
        const received = all.filter((chatId) => chatId === String(n)).length;
        expect(received).toBeLessThanOrEqual(1);
        // Never reached: the digest was claimed when the process died, and the log shows it.
        if (received === 0) {
          expect(restarted.state.deliveries[`telegram:user:${n}`]?.[0]?.status).toBe("sending");
        }
      }
      // At most the claimed-ahead queue is lost: one batch plus one per worker.
      expect(new Set(all).size).toBeGreaterThanOrEqual(10 - 4);
      expect(restarted.state.sent["telegram:user:0"]).toEqual(PAPERS);
    },
  );

  it("does not resend to a target whose adapter threw mid-fan-out, and still serves the others", async () => {
    const subscriptions: Record<string, Subscription> = {};
    for (let n = 0; n < 5; n++) subscriptions[`discord:channel:${n}`] = subscription({ chatId: String(n) });
    const state = await stateWith(subscriptions);
    const adapter = new FakeAdapter("discord");
    adapter.answer = (chatId) => {
      if (chatId === "2") throw new Error("socket hang up");
      return { ok: true };
    };
    const summary = await fanOut({ state, now: after(0), adapters: { discord: adapter } });
    await fanOut({ state, now: after(1), adapters: { discord: adapter } });

    expect(summary).toMatchObject({ sent: 4, failed: 1 });
    expect(adapter.sends.filter((send) => send.chatId === "2")).toHaveLength(1);
    expect(state.state.deliveries["discord:channel:2"]?.[0]).toMatchObject({
      status: "failed",
      error: "socket hang up",
    });
  });
});
