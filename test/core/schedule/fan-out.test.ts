import { describe, expect, it } from "vitest";
import type { ComposeDigest } from "../../../src/core/delivery/digest-port.js";
import type { RateLimiter } from "../../../src/core/schedule/rate-limit.js";
import type { Subscription } from "../../../src/core/state/types.js";
import {
  FakeAdapter,
  PAPERS,
  composeThree,
  fanOut,
  recordingLog,
  stateWith,
  subscription,
} from "./helpers.js";

const NOW = new Date("2026-06-01T06:00:00Z"); // 08:00 in Paris

function many(platform: "telegram" | "discord", count: number): Record<string, Subscription> {
  const subscriptions: Record<string, Subscription> = {};
  for (let n = 0; n < count; n++)
    subscriptions[`${platform}:user:${n}`] = subscription({ chatId: String(n) });
  return subscriptions;
}

describe("runDueDeliveries", () => {
  it("sends each due digest to its chat on its platform and records it", async () => {
    const state = await stateWith({
      "telegram:user:1": subscription({ chatId: "1" }),
      "discord:channel:2": subscription({ chatId: "2" }),
      "telegram:user:3": subscription({ chatId: "3", time: "09:00" }),
    });
    const telegram = new FakeAdapter("telegram");
    const discord = new FakeAdapter("discord");
    const summary = await fanOut({ state, now: NOW, adapters: { telegram, discord } });

    expect(summary).toMatchObject({ due: 2, sent: 2, failed: 0, late: 0 });
    expect(telegram.sends.map((send) => send.chatId)).toEqual(["1"]);
    expect(discord.sends.map((send) => send.chatId)).toEqual(["2"]);
    expect(state.state.sent["discord:channel:2"]).toEqual(PAPERS);
    expect(state.state.deliveries["telegram:user:1"]).toEqual([
      expect.objectContaining({ localDate: "2026-06-01", status: "sent", paperIds: PAPERS, sentIds: PAPERS }),
    ]);
  });

  it("skips a platform that is not configured with one log line, and delivers once it is", async () => {
    const state = await stateWith(many("discord", 3));
    const log = recordingLog();
    const summary = await fanOut({ state, now: NOW, adapters: {}, log });
    expect(summary).toMatchObject({ due: 3, sent: 0, skipped: 3 });
    expect(log.lines.filter((line) => line.includes("discord is not configured"))).toHaveLength(1);

    const discord = new FakeAdapter("discord");
    await fanOut({ state, now: new Date(NOW.getTime() + 60_000), adapters: { discord } });
    expect(discord.sends).toHaveLength(3);
  });

  it("keeps going when one target hangs: the others are delivered, batch after batch", async () => {
    const state = await stateWith(many("telegram", 20));
    const adapter = new FakeAdapter("telegram");
    adapter.answer = (chatId) => (chatId === "0" ? new Promise(() => {}) : { ok: true });
    // A slow platform rate means small claim batches (4 here), so the hang spans many of them.
    const limiter: RateLimiter = { acquire: async () => {}, ratePerSecond: 1 };
    void fanOut({
      state,
      now: NOW,
      adapters: { telegram: adapter },
      limiters: { telegram: limiter },
      concurrency: 4,
    });
    await expect.poll(() => adapter.sends.length).toBe(20);
    await expect.poll(() => state.state.deliveries["telegram:user:19"]?.[0]?.status).toBe("sent");
  });

  it("records a quiet day once instead of composing every minute", async () => {
    const state = await stateWith({ "telegram:user:1": subscription() });
    let calls = 0;
    const quiet: ComposeDigest = () => {
      calls += 1;
      return { paperIds: [], reply: null };
    };
    const adapter = new FakeAdapter("telegram");
    const first = await fanOut({ state, now: NOW, compose: quiet, adapters: { telegram: adapter } });
    await fanOut({
      state,
      now: new Date(NOW.getTime() + 60_000),
      compose: quiet,
      adapters: { telegram: adapter },
    });

    expect(first).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(calls).toBe(1);
    expect(adapter.sends).toHaveLength(0);
  });

  it("marks a digest that cannot be composed as failed and serves the other targets", async () => {
    const state = await stateWith(many("telegram", 3));
    const compose: ComposeDigest = (key, sub, options) => {
      if (key === "telegram:user:1") throw new Error("index not loaded");
      return composeThree(key, sub, options);
    };
    const adapter = new FakeAdapter("telegram");
    const log = recordingLog();
    const summary = await fanOut({ state, now: NOW, compose, adapters: { telegram: adapter }, log });

    expect(summary).toMatchObject({ sent: 2, failed: 1 });
    expect(state.state.deliveries["telegram:user:1"]?.[0]).toMatchObject({
      status: "failed",
      error: "compose failed: index not loaded",
    });
    expect(log.lines.some((line) => line.includes("composing the digest failed"))).toBe(true);
  });

  it("reports subscriptions it cannot schedule without stopping the others", async () => {
    const state = await stateWith({
      "telegram:user:1": subscription({ timezone: "Europe/Pariss" }),
      "nowhere:user:2": subscription(),
      "telegram:user:3": subscription({ chatId: "3" }),
    });
    const adapter = new FakeAdapter("telegram");
    const log = recordingLog();
    const summary = await fanOut({ state, now: NOW, adapters: { telegram: adapter }, log });

    expect(summary).toMatchObject({ sent: 1, skipped: 2 });
    expect(log.lines.filter((line) => line.includes("cannot be scheduled"))).toHaveLength(2);
  });

  it("sends and records nothing in a dry run, but lists what would go out", async () => {
    const state = await stateWith(many("telegram", 2));
    const adapter = new FakeAdapter("telegram");
    const summary = await fanOut({ state, now: NOW, adapters: { telegram: adapter }, dryRun: true });

    expect(summary.planned.map((digest) => digest.chatId).sort()).toEqual(["0", "1"]);
    expect(summary.planned[0]?.paperIds).toEqual(PAPERS);
    expect(adapter.sends).toHaveLength(0);
    expect(state.state.deliveries).toEqual({});
    expect(state.state.sent).toEqual({});
  });

  it("delivers to 10,000 subscribers, each exactly once", async () => {
    const state = await stateWith({ ...many("telegram", 5_000), ...many("discord", 5_000) });
    const telegram = new FakeAdapter("telegram");
    const discord = new FakeAdapter("discord");
    const summary = await fanOut({ state, now: NOW, adapters: { telegram, discord } });
    await fanOut({ state, now: new Date(NOW.getTime() + 60_000), adapters: { telegram, discord } });

    expect(summary.sent).toBe(10_000);
    expect(new Set(telegram.sends.map((send) => send.chatId)).size).toBe(5_000);
    expect(telegram.sends).toHaveLength(5_000);
    expect(discord.sends).toHaveLength(5_000);
    const statuses = Object.values(state.state.deliveries).map((records) =>
      records.map((record) => record.status),
    );
    expect(statuses.every((list) => list.length === 1 && list[0] === "sent")).toBe(true);
    expect(statuses).toHaveLength(10_000);
  });
});
