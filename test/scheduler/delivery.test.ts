import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/core/log.js";
import { runDueDeliveries } from "../../src/core/schedule/fan-out.js";
import { platformLimiters } from "../../src/core/schedule/rate-limit.js";
import { startScheduler } from "../../src/scheduler/scheduler.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { FakeAdapter, LATE_LINE, composeThree, subscription } from "../core/schedule/helpers.js";

const adapter = new FakeAdapter("telegram");
let dataDir: string;

/** The process as `npm start` wires it: the files in DATA_DIR and a scheduler ticking the fan-out. */
async function boot(owner: string) {
  const store = await openFileStore(dataDir, { log: silentLogger });
  const limiters = platformLimiters();
  let inFlight: Promise<unknown> = Promise.resolve();
  const scheduler = startScheduler({
    tick: async () => {
      await (inFlight = runDueDeliveries({
        store,
        owner,
        compose: composeThree,
        adapters: { telegram: adapter },
        limiters,
        now: new Date(),
        graceHours: 6,
        log: silentLogger,
      }));
    },
    ingestCron: "30 5 * * *",
    timezone: "UTC",
    log: silentLogger,
  });
  return {
    /**
     * Moves the clock on a second at a time, letting each tick's file writes (real I/O, not timers)
     * finish before the next minute, as they do in real time.
     */
    advance: async (ms: number) => {
      for (let step = 0; step < ms; step += 1_000) {
        await vi.advanceTimersByTimeAsync(1_000);
        await inFlight;
      }
    },
    shutdown: async () => {
      await scheduler.stop();
      await store.close();
    },
  };
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  vi.setSystemTime(new Date("2026-06-01T05:58:30Z")); // 07:58:30 in Paris
  dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-delivery-"));
  const store = await openFileStore(dataDir, { log: silentLogger });
  await store.subscriptions.put(
    "telegram:user:42",
    subscription({ time: "08:00", timezone: "Europe/Paris", createdAt: "2026-05-01T00:00:00Z" }),
  );
  await store.close();
  adapter.sends.length = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dataDir, { recursive: true, force: true });
});

describe("scheduled delivery across restarts", () => {
  it("delivers at the slot's minute, not again after a same-day restart, and late after a missed slot", async () => {
    const first = await boot("first");
    await first.advance(3 * 60_000);
    expect(adapter.sends.map((send) => new Date(send.at).toISOString())).toEqual([
      "2026-06-01T06:00:00.000Z",
    ]);
    await first.shutdown();

    vi.setSystemTime(new Date("2026-06-01T09:00:00Z"));
    const second = await boot("second");
    await second.advance(2 * 60_000);
    expect(adapter.sends).toHaveLength(1);
    await second.shutdown();

    // Down over the next morning's slot: back at 10:30 Paris time, within the 6 h grace window.
    vi.setSystemTime(new Date("2026-06-02T08:30:00Z"));
    const third = await boot("third");
    await third.advance(60_000);
    expect(adapter.sends).toHaveLength(2);
    expect(adapter.sends[1]?.reply.lines).toContain(LATE_LINE);
    await third.shutdown();
  });
});
