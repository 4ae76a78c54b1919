import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Target } from "../../../src/core/target.js";
import type { Clock } from "../../../src/core/schedule/clock.js";
import { platformLimiters } from "../../../src/core/schedule/rate-limit.js";
import { TokenBucket } from "../../../src/core/schedule/token-bucket.js";
import type { Subscription } from "../../../src/core/records.js";
import { FakeAdapter, fanOut, storeWith, subscription } from "./helpers.js";

const NOW = new Date("2026-06-01T06:00:00Z"); // 08:00 in Paris
const group: Target = { platform: "telegram", kind: "channel", id: "-100123" };

/** Resolves every acquire, advancing fake time until all are done; returns when each resolved. */
async function timesOf(acquires: Array<Promise<void>>): Promise<number[]> {
  const times: number[] = [];
  acquires.forEach((acquire, index) => void acquire.then(() => (times[index] = Date.now())));
  while (times.filter((time) => time !== undefined).length < acquires.length)
    await vi.advanceTimersByTimeAsync(100);
  return times;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("platform rate limits", () => {
  it("paces 100 Telegram digests at no more than 30 a second (≥ 3 s)", async () => {
    const subscriptions: Record<string, Subscription> = {};
    for (let n = 0; n < 100; n++) subscriptions[`telegram:user:${n}`] = subscription({ chatId: String(n) });
    const store = await storeWith(subscriptions);
    const adapter = new FakeAdapter("telegram");
    let done = false;
    void fanOut({ store, now: NOW, adapters: { telegram: adapter }, limiters: platformLimiters() }).then(
      () => {
        done = true;
      },
    );
    while (!done) await vi.advanceTimersByTimeAsync(50);

    expect(adapter.sends).toHaveLength(100);
    const times = adapter.sends.map((send) => send.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(3_000);
    const inFirstSecond = times.filter((time) => time < (times[0] ?? 0) + 1_000);
    expect(inFirstSecond.length).toBeLessThanOrEqual(30);
  });

  it("spreads 25 messages to one Telegram group over more than a minute (20 a minute)", async () => {
    const limiter = platformLimiters().telegram;
    const times = await timesOf(
      Array.from({ length: 25 }, () => limiter?.acquire(group) ?? Promise.resolve()),
    );
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(60_000);
    const firstMinute = times.filter((time) => time < NOW.getTime() + 60_000);
    expect(firstMinute.length).toBeLessThanOrEqual(20);
  });

  it("does not make people wait behind a busy group", async () => {
    const limiter = platformLimiters().telegram;
    const groupSends = Array.from({ length: 40 }, () => limiter?.acquire(group) ?? Promise.resolve());
    const user = limiter?.acquire({ platform: "telegram", kind: "user", id: "7" }) ?? Promise.resolve();
    const [userTime] = await timesOf([user]);
    await timesOf(groupSends);
    expect((userTime ?? Infinity) - NOW.getTime()).toBeLessThan(1_000);
  });

  it("keeps Discord at 50 requests a second", async () => {
    const limiter = platformLimiters().discord;
    const channel: Target = { platform: "discord", kind: "channel", id: "1" };
    const times = await timesOf(
      Array.from({ length: 101 }, () => limiter?.acquire(channel) ?? Promise.resolve()),
    );
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(2_000);
  });
});

describe("TokenBucket", () => {
  it("lets a burst through at once, then one token per interval, on an injected clock", () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async () => {} };
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3 }, clock);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      0, 0, 0, 100, 200,
    ]);
    now = 10_000; // a quiet spell refills the bucket, up to its burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0, 100]);
  });

  it("refuses a rate or burst that cannot work", () => {
    const clock: Clock = { now: () => 0, sleep: async () => {} };
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 }, clock)).toThrow(/ratePerSecond > 0/);
    expect(() => new TokenBucket({ ratePerSecond: 5, burst: 0 }, clock)).toThrow(/burst ≥ 1/);
  });
});
