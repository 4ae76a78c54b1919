import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/core/log.js";
import { runDueDeliveries } from "../../src/core/schedule/fan-out.js";
import { platformLimiters } from "../../src/core/schedule/rate-limit.js";
import { StateStore } from "../../src/core/state/state-store.js";
import type { BotState } from "../../src/core/state/types.js";
import { MemoryDocumentStore } from "../../src/core/store/memory-store.js";
import { startScheduler } from "../../src/scheduler/scheduler.js";
import { FakeAdapter, LATE_LINE, composeThree, stateWith, subscription } from "../core/schedule/helpers.js";

const doc = new MemoryDocumentStore<BotState>("state");
const adapter = new FakeAdapter("telegram");

/** The process as `npm start` wires it: a StateStore over the document and a scheduler ticking the fan-out. */
async function boot() {
  const state = await StateStore.open(doc);
  const limiters = platformLimiters();
  const scheduler = startScheduler({
    tick: async () => {
      await runDueDeliveries({
        state,
        compose: composeThree,
        adapters: { telegram: adapter },
        limiters,
        now: new Date(),
        graceHours: 6,
        log: silentLogger,
      });
    },
    ingestCron: "30 5 * * *",
    timezone: "UTC",
    log: silentLogger,
  });
  return {
    state,
    shutdown: async () => {
      await scheduler.stop();
      await state.flush();
    },
  };
}

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-06-01T05:58:30Z")); // 07:58:30 in Paris
  await stateWith({ "telegram:user:42": subscription({ time: "08:00", timezone: "Europe/Paris" }) }, doc);
  adapter.sends.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("scheduled delivery across restarts", () => {
  it("delivers at the slot's minute, not again after a same-day restart, and late after a missed slot", async () => {
    const first = await boot();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(adapter.sends.map((send) => new Date(send.at).toISOString())).toEqual([
      "2026-06-01T06:00:00.000Z",
    ]);
    await first.shutdown();

    vi.setSystemTime(new Date("2026-06-01T09:00:00Z"));
    const second = await boot();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(adapter.sends).toHaveLength(1);
    await second.shutdown();

    // Down over the next morning's slot: back at 10:30 Paris time, within the 6 h grace window.
    vi.setSystemTime(new Date("2026-06-02T08:30:00Z"));
    const third = await boot();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(adapter.sends).toHaveLength(2);
    expect(adapter.sends[1]?.reply.lines).toContain(LATE_LINE);
    await third.shutdown();
  });
});
