import { describe, expect, it } from "vitest";
import { retryDelayMs, StartAborted, startWithRetry } from "../../src/app/start-retry.js";
import { recordingLogger } from "../bots/telegram/harness.js";

class Unavailable extends Error {}

/** A sleep that records the waits and returns at once, or when the signal is aborted if `hang`. */
function fakeSleep(options: { hang?: boolean } = {}) {
  const waits: number[] = [];
  const sleep = (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    if (!options.hang) return Promise.resolve();
    return new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
  };
  return { waits, sleep };
}

const retryReason = (error: unknown) => (error instanceof Unavailable ? error.message : undefined);

describe("startWithRetry", () => {
  it("waits 1 s, 2 s, 4 s… up to 30 s between tries", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(retryDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("tries again while the platform is unavailable, with one warning per failed try", async () => {
    const log = recordingLogger();
    const { waits, sleep } = fakeSleep();
    let tries = 0;
    await startWithRetry(
      async () => {
        tries += 1;
        if (tries <= 3) throw new Unavailable(`503 Service Unavailable (${tries})`);
      },
      { platform: "telegram", log, signal: new AbortController().signal, retryReason, sleep },
    );

    expect(tries).toBe(4);
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    const warnings = log.lines.filter((line) => line.level === "warn");
    expect(warnings.map((line) => line.msg)).toEqual([
      "telegram could not start (try 1): 503 Service Unavailable (1); trying again in 1 s",
      "telegram could not start (try 2): 503 Service Unavailable (2); trying again in 2 s",
      "telegram could not start (try 3): 503 Service Unavailable (3); trying again in 4 s",
    ]);
    expect(warnings[1]?.obj).toMatchObject({ platform: "telegram", attempt: 2, retryInMs: 2_000 });
    expect(log.lines.at(-1)?.msg).toBe("telegram started after 4 tries");
  });

  it("throws a failure no wait can mend at once, without a warning", async () => {
    const log = recordingLogger();
    const { waits, sleep } = fakeSleep();
    const rejected = new Error("Telegram rejected the bot token (401 Unauthorized)");

    await expect(
      startWithRetry(() => Promise.reject(rejected), {
        platform: "telegram",
        log,
        signal: new AbortController().signal,
        retryReason,
        sleep,
      }),
    ).rejects.toBe(rejected);
    expect(waits).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it("ends the wait between tries when shutdown begins", async () => {
    const log = recordingLogger();
    const { sleep } = fakeSleep({ hang: true });
    const shutdown = new AbortController();
    let tries = 0;
    const starting = startWithRetry(
      async () => {
        tries += 1;
        throw new Unavailable("connect ECONNREFUSED");
      },
      { platform: "discord", log, signal: shutdown.signal, retryReason, sleep },
    );
    await expect.poll(() => log.lines.length).toBe(1);

    shutdown.abort();

    await expect(starting).rejects.toBeInstanceOf(StartAborted);
    expect(tries).toBe(1);
  });

  it("does not report a try that failed because shutdown cut it short", async () => {
    const log = recordingLogger();
    const shutdown = new AbortController();
    const starting = startWithRetry(
      () =>
        new Promise<void>((_, reject) =>
          shutdown.signal.addEventListener("abort", () => reject(new Unavailable("aborted"))),
        ),
      { platform: "telegram", log, signal: shutdown.signal, retryReason },
    );

    shutdown.abort();

    await expect(starting).rejects.toBeInstanceOf(StartAborted);
    expect(log.lines).toEqual([]);
  });

  it("really waits with the default sleep, and stops waiting at once when aborted", async () => {
    const log = recordingLogger();
    const shutdown = new AbortController();
    const started = Date.now();
    const starting = startWithRetry(() => Promise.reject(new Unavailable("502 Bad Gateway")), {
      platform: "telegram",
      log,
      signal: shutdown.signal,
      retryReason,
    });
    await expect.poll(() => log.lines.length).toBe(1);
    shutdown.abort();

    await expect(starting).rejects.toBeInstanceOf(StartAborted);
    expect(Date.now() - started).toBeLessThan(900);
  });
});
