import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Subscription } from "../../../src/core/records.js";
import { FakeAdapter, deliveriesOf, fanOut, storeWith, subscription } from "./helpers.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Ticks once a minute over [from, to), as the scheduler does, and returns what was sent. */
async function simulate(sub: Subscription, from: number, to: number) {
  const store = await storeWith({ "telegram:user:1": { ...sub, createdAt: new Date(from).toISOString() } });
  const adapter = new FakeAdapter("telegram");
  for (let now = from; now < to; now += MINUTE) {
    vi.setSystemTime(now);
    await fanOut({ store, now: new Date(now), adapters: { telegram: adapter } });
  }
  const dates = (await deliveriesOf(store, "telegram:user:1")).reverse().map((record) => record.localDate);
  return { sentAt: adapter.sends.map((send) => new Date(send.at).toISOString()), dates, adapter };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("delivery across daylight-saving changes", () => {
  it.each([
    ["Europe/Paris", "02:30", "2026-03-29T01:00:00.000Z", "spring-forward gap: right after it"],
    ["America/New_York", "02:30", "2026-03-08T07:00:00.000Z", "spring-forward gap: right after it"],
    ["Australia/Sydney", "02:30", "2026-10-03T16:00:00.000Z", "spring-forward gap: right after it"],
    ["America/New_York", "01:30", "2026-11-01T05:30:00.000Z", "repeated hour: its first occurrence"],
    ["Europe/Paris", "02:30", "2026-10-25T00:30:00.000Z", "repeated hour: its first occurrence"],
    ["Australia/Sydney", "02:30", "2026-04-04T15:30:00.000Z", "repeated hour: its first occurrence"],
  ])("%s at %s is delivered once a day, at %s (%s)", async (timezone, time, expected) => {
    const change = Date.parse(expected);
    const { sentAt, dates } = await simulate(
      subscription({ timezone, time }),
      change - 30 * HOUR,
      change + 30 * HOUR,
    );

    expect(sentAt).toHaveLength(3);
    expect(sentAt[1]).toBe(expected);
    expect(new Set(dates).size).toBe(3);
    // The days around the change are delivered at the slot's usual local time, 23–25 h apart.
    const gaps = sentAt.slice(1).map((iso, index) => Date.parse(iso) - Date.parse(sentAt[index] ?? ""));
    for (const gap of gaps) expect(Math.abs(gap - 24 * HOUR)).toBeLessThanOrEqual(HOUR);
  });

  it("delivers Asia/Kolkata (no daylight saving, half-hour offset) at 08:00 IST every day", async () => {
    const from = Date.parse("2026-03-28T00:00:00Z");
    const { sentAt } = await simulate(subscription({ timezone: "Asia/Kolkata" }), from, from + 72 * HOUR);
    expect(sentAt).toEqual([
      "2026-03-28T02:30:00.000Z",
      "2026-03-29T02:30:00.000Z",
      "2026-03-30T02:30:00.000Z",
    ]);
  });

  it("delivers weekday subscriptions Monday to Friday only, in the subscriber's zone", async () => {
    // Friday 2026-11-06 00:00 New York to Tuesday 2026-11-10 00:00.
    const from = Date.parse("2026-11-06T05:00:00Z");
    const sub = subscription({ timezone: "America/New_York", days: "weekdays" });
    const { dates } = await simulate(sub, from, from + 96 * HOUR);
    expect(dates).toEqual(["2026-11-06", "2026-11-09"]);
  });
});
