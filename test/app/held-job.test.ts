import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runWhileHeld } from "../../src/app/held-job.js";
import { silentLogger } from "../../src/core/log.js";
import type { JobHold, JobLocks } from "../../src/core/store/port.js";
import { recordingLogger } from "../bots/telegram/harness.js";

/** Job locks as one database would keep them for several instances; a hold can be broken by hand. */
class SharedLocks {
  readonly holders = new Map<string, { owner: string; lose: () => void }>();

  for(owner: string): JobLocks {
    return {
      tryHold: async (job): Promise<JobHold | undefined> => {
        if (this.holders.has(job)) return undefined;
        let lose: () => void = () => {};
        const lost = new Promise<void>((resolve) => (lose = resolve));
        this.holders.set(job, { owner, lose });
        return {
          lost,
          release: async () => {
            if (this.holders.get(job)?.owner === owner) this.holders.delete(job);
          },
        };
      },
    };
  }

  /** The holder's connection died: the lock is free and the holder is told. */
  breakHold(job: string): void {
    const holder = this.holders.get(job);
    this.holders.delete(job);
    holder?.lose();
  }
}

function polling() {
  const events: string[] = [];
  return {
    events,
    running: () => events.filter((e) => e === "start").length - events.filter((e) => e === "stop").length,
    work: {
      start: async () => void events.push("start"),
      stop: async () => void events.push("stop"),
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("runWhileHeld", () => {
  it("runs the job on one instance only, and on another once the first stops", async () => {
    const locks = new SharedLocks();
    const a = polling();
    const b = polling();
    const first = runWhileHeld(locks.for("a"), "telegram-polling", a.work, silentLogger, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    const second = runWhileHeld(locks.for("b"), "telegram-polling", b.work, silentLogger, 1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect([a.running(), b.running()]).toEqual([1, 0]);

    await first.stop();
    expect(a.running()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(b.running()).toBe(1);
    await second.stop();
    expect(b.events).toEqual(["start", "stop"]);
  });

  it("stops the job when its hold is lost, and lets the other instance take it over", async () => {
    const locks = new SharedLocks();
    const a = polling();
    const b = polling();
    const first = runWhileHeld(locks.for("a"), "job", a.work, silentLogger, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    const second = runWhileHeld(locks.for("b"), "job", b.work, silentLogger, 1_000);

    locks.breakHold("job");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.running() + b.running()).toBe(1);
    expect(a.events).toContain("stop");
    await Promise.all([first.stop(), second.stop()]);
    expect(a.running() + b.running()).toBe(0);
  });

  it("tries again after a start that failed, without keeping the hold meanwhile", async () => {
    const locks = new SharedLocks();
    let attempts = 0;
    const job = runWhileHeld(
      locks.for("a"),
      "job",
      {
        start: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error("getUpdates: 502 Bad Gateway");
        },
        stop: async () => {},
      },
      silentLogger,
      1_000,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(locks.holders.has("job")).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toBe(2);
    expect(locks.holders.has("job")).toBe(true);
    await job.stop();
    expect(locks.holders.has("job")).toBe(false);
  });

  it("ends a start under way when stopped, instead of waiting for it, and says nothing of it", async () => {
    const locks = new SharedLocks();
    const log = recordingLogger();
    let endStart: (error: Error) => void = () => {};
    const job = runWhileHeld(
      locks.for("a"),
      "telegram-polling",
      {
        // A Bot API that never answers: only stopping ends the start.
        start: () => new Promise<void>((_, reject) => (endStart = reject)),
        stop: async () => endStart(new Error("Aborted delay")),
      },
      log,
      1_000,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(locks.holders.has("telegram-polling")).toBe(true);

    await job.stop();

    expect(locks.holders.has("telegram-polling")).toBe(false);
    expect(log.lines.filter((line) => line.level === "warn")).toEqual([]);
  });
});
