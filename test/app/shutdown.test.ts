import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createShutdown,
  exitOnSignals,
  SHUTDOWN_DEADLINE_MS,
  SHUTDOWN_GRACE_MS,
} from "../../src/app/shutdown.js";
import { recordingLogger } from "../bots/telegram/harness.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function shutdownWithExits() {
  const exits: number[] = [];
  const log = recordingLogger();
  const shutdown = createShutdown({ log, exit: (code) => void exits.push(code) });
  return { shutdown, exits, log };
}

describe("createShutdown", () => {
  it("stops new work at once, cuts calls under way after the grace period", async () => {
    const { shutdown } = shutdownWithExits();
    expect(shutdown.stopping.aborted).toBe(false);

    shutdown.begin("SIGTERM");
    expect(shutdown.stopping.aborted).toBe(true);
    expect(shutdown.cutoff.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(SHUTDOWN_GRACE_MS - 1);
    expect(shutdown.cutoff.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(shutdown.cutoff.aborted).toBe(true);
  });

  it("exits with 1 at the deadline, naming what still runs", async () => {
    const { shutdown, exits, log } = shutdownWithExits();
    void shutdown.during("the store", new Promise(() => {}));
    void shutdown.during("telegram", new Promise(() => {}));
    void shutdown.during("paper sync", Promise.resolve());

    shutdown.begin("SIGTERM");
    await vi.advanceTimersByTimeAsync(SHUTDOWN_DEADLINE_MS - 1);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(exits).toEqual([1]);
    const warning = log.lines.find((line) => line.level === "warn");
    expect(warning?.msg).toBe(
      "shutdown did not finish within 5 s; exiting anyway (still running: the store, telegram)",
    );
  });

  it("does not exit once everything stopped in time", async () => {
    const { shutdown, exits } = shutdownWithExits();
    shutdown.begin("SIGINT");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(shutdown.elapsedMs()).toBe(1_000);
    shutdown.finish();
    await vi.advanceTimersByTimeAsync(SHUTDOWN_DEADLINE_MS * 2);
    expect(exits).toEqual([]);
  });

  it("begins once, whatever begins it again", async () => {
    const { shutdown, log } = shutdownWithExits();
    shutdown.begin("a bot could not run");
    await vi.advanceTimersByTimeAsync(2_000);
    shutdown.begin("SIGTERM");
    expect(shutdown.elapsedMs()).toBe(2_000);
    expect(log.lines.filter((line) => line.msg === "shutting down")).toHaveLength(1);
  });
});

describe("exitOnSignals", () => {
  it("begins the shutdown on the first signal and exits at once on the second", () => {
    const { shutdown, exits } = shutdownWithExits();
    const target = new EventEmitter();
    exitOnSignals(
      shutdown,
      recordingLogger(),
      (code) => void exits.push(code),
      target as unknown as NodeJS.Process,
    );

    target.emit("SIGTERM", "SIGTERM");
    expect(shutdown.stopping.aborted).toBe(true);
    expect(exits).toEqual([]);
    target.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([130]);
  });
});
