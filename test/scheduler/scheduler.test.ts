import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/core/log.js";
import { startScheduler, type Scheduler } from "../../src/scheduler/scheduler.js";

const START = new Date("2026-06-01T05:58:30Z");
let running: Scheduler | undefined;

function start(options: Partial<Parameters<typeof startScheduler>[0]> = {}) {
  running = startScheduler({
    tick: async () => {},
    ingestCron: "30 5 * * *",
    timezone: "UTC",
    log: silentLogger,
    ...options,
  });
  return running;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(async () => {
  let stopped = false;
  void running?.stop().then(() => (stopped = true));
  // A tick still in progress may be waiting on a fake timer.
  while (running && !stopped) await vi.advanceTimersByTimeAsync(60_000);
  running = undefined;
  vi.useRealTimers();
});

describe("startScheduler", () => {
  it("ticks once at start, then every minute", async () => {
    const ticks: string[] = [];
    start({ tick: async () => void ticks.push(new Date().toISOString()) });
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks).toEqual([START.toISOString()]);

    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(ticks.slice(1).map((iso) => iso.slice(11, 16))).toEqual(["05:59", "06:00", "06:01"]);
  });

  it("never runs two ticks at once: a slow tick makes the next ones wait their turn", async () => {
    let active = 0;
    let most = 0;
    let count = 0;
    start({
      tick: async () => {
        active += 1;
        count += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 150_000));
        active -= 1;
      },
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(most).toBe(1);
    expect(count).toBeGreaterThan(1);
  });

  it("runs ingestion on its own cron, in its time zone", async () => {
    const ingested: string[] = [];
    start({
      ingest: async () => void ingested.push(new Date().toISOString()),
      ingestCron: "0 8 * * *",
      timezone: "Europe/Paris",
    });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(ingested).toEqual(["2026-06-01T06:00:00.000Z"]);
  });

  it("tells ingestion when its next run starts", async () => {
    const nextRuns: (string | undefined)[] = [];
    start({
      ingest: async (schedule) => void nextRuns.push(schedule.nextRunAt()?.toISOString()),
      ingestCron: "0 8 * * *",
      timezone: "Europe/Paris",
    });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(nextRuns).toEqual(["2026-06-02T06:00:00.000Z"]);
  });

  it("stops both jobs and waits for a tick in progress to finish", async () => {
    let finished = false;
    let ticks = 0;
    const scheduler = start({
      tick: async () => {
        ticks += 1;
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        finished = true;
      },
    });
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    void scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);

    await vi.advanceTimersByTimeAsync(4_000);
    expect(finished).toBe(true);
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(ticks).toBe(1);
  });

  it("logs a failing tick and keeps ticking", async () => {
    const errors: string[] = [];
    let ticks = 0;
    start({
      tick: async () => {
        ticks += 1;
        throw new Error("disk full");
      },
      log: { ...silentLogger, error: (_obj, msg) => void errors.push(msg ?? "") },
    });
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(ticks).toBe(3);
    expect(errors).toContain("delivery tick failed");
  });

  it("refuses a bad cron expression or time zone, naming the valid form", () => {
    expect(() => start({ ingestCron: "every morning" })).toThrow(/five fields, e.g. "30 5 \* \* \*"/);
    expect(() => start({ timezone: "Mars/Olympus" })).toThrow(/IANA time zone: use e.g. UTC/);
  });
});
