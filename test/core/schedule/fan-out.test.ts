import { describe, expect, it } from "vitest";
import type { ComposeDigest } from "../../../src/core/delivery/digest-port.js";
import type { RateLimiter } from "../../../src/core/schedule/rate-limit.js";
import type { Subscription } from "../../../src/core/records.js";
import {
  FakeAdapter,
  PAPERS,
  composeThree,
  fanOut,
  deliveriesOf,
  recordingLog,
  storeWith,
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
    const store = await storeWith({
      "telegram:user:1": subscription({ chatId: "1" }),
      "discord:channel:2": subscription({ chatId: "2" }),
      "telegram:user:3": subscription({ chatId: "3", time: "09:00" }),
    });
    const telegram = new FakeAdapter("telegram");
    const discord = new FakeAdapter("discord");
    const summary = await fanOut({ store, now: NOW, adapters: { telegram, discord } });

    expect(summary).toMatchObject({ due: 2, sent: 2, failed: 0, late: 0 });
    expect(telegram.sends.map((send) => send.chatId)).toEqual(["1"]);
    expect(discord.sends.map((send) => send.chatId)).toEqual(["2"]);
    expect((await store.deliveries.historyOf(["discord:channel:2"])).get("discord:channel:2")?.sent).toEqual(
      PAPERS,
    );
    expect(await deliveriesOf(store, "telegram:user:1")).toEqual([
      expect.objectContaining({ localDate: "2026-06-01", status: "sent", paperIds: PAPERS, sentIds: PAPERS }),
    ]);
  });

  it("skips a platform that is not configured with one log line, and delivers once it is", async () => {
    const store = await storeWith(many("discord", 3));
    const log = recordingLog();
    const summary = await fanOut({ store, now: NOW, adapters: {}, log });
    expect(summary).toMatchObject({ due: 3, sent: 0, skipped: 3 });
    expect(log.lines.filter((line) => line.includes("discord is not configured"))).toHaveLength(1);

    const discord = new FakeAdapter("discord");
    await fanOut({ store, now: new Date(NOW.getTime() + 60_000), adapters: { discord } });
    expect(discord.sends).toHaveLength(3);
  });

  it("keeps going when one target hangs: the others are delivered, batch after batch", async () => {
    const store = await storeWith(many("telegram", 20));
    const adapter = new FakeAdapter("telegram");
    adapter.answer = (chatId) => (chatId === "0" ? new Promise(() => {}) : { ok: true });
    // A slow platform rate means small claim batches (4 here), so the hang spans many of them.
    const limiter: RateLimiter = { acquire: async () => {}, ratePerSecond: 1 };
    void fanOut({
      store,
      now: NOW,
      adapters: { telegram: adapter },
      limiters: { telegram: limiter },
      concurrency: 4,
    });
    await expect.poll(() => adapter.sends.length).toBe(20);
    await expect.poll(async () => (await deliveriesOf(store, "telegram:user:19"))[0]?.status).toBe("sent");
  });

  it("records a quiet day once instead of composing every minute", async () => {
    const store = await storeWith({ "telegram:user:1": subscription() });
    let calls = 0;
    const quiet: ComposeDigest = () => {
      calls += 1;
      return { papers: [], reply: null };
    };
    const adapter = new FakeAdapter("telegram");
    const first = await fanOut({ store, now: NOW, compose: quiet, adapters: { telegram: adapter } });
    await fanOut({
      store,
      now: new Date(NOW.getTime() + 60_000),
      compose: quiet,
      adapters: { telegram: adapter },
    });

    expect(first).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(calls).toBe(1);
    expect(adapter.sends).toHaveLength(0);
  });

  it("marks a digest that cannot be composed as failed and serves the other targets", async () => {
    const store = await storeWith(many("telegram", 3));
    const compose: ComposeDigest = (input, options) => {
      if (input.key === "telegram:user:1") throw new Error("index not loaded");
      return composeThree(input, options);
    };
    const adapter = new FakeAdapter("telegram");
    const log = recordingLog();
    const summary = await fanOut({ store, now: NOW, compose, adapters: { telegram: adapter }, log });

    expect(summary).toMatchObject({ sent: 2, failed: 1 });
    expect((await deliveriesOf(store, "telegram:user:1"))?.[0]).toMatchObject({
      status: "failed",
      error: "compose failed: index not loaded",
    });
    expect(log.lines.some((line) => line.includes("composing the digest failed"))).toBe(true);
  });

  it("reports subscriptions it cannot schedule without stopping the others", async () => {
    const store = await storeWith({
      "telegram:user:1": subscription({ timezone: "Europe/Pariss" }),
      "nowhere:user:2": subscription(),
      "telegram:user:3": subscription({ chatId: "3" }),
    });
    const adapter = new FakeAdapter("telegram");
    const log = recordingLog();
    const summary = await fanOut({ store, now: NOW, adapters: { telegram: adapter }, log });

    expect(summary).toMatchObject({ sent: 1, skipped: 2 });
    expect(log.lines.filter((line) => line.includes("cannot be scheduled"))).toHaveLength(2);
  });

  it("sends and records nothing in a dry run, but lists what would go out", async () => {
    const store = await storeWith(many("telegram", 2));
    const adapter = new FakeAdapter("telegram");
    const summary = await fanOut({ store, now: NOW, adapters: { telegram: adapter }, dryRun: true });

    expect(summary.planned.map((digest) => digest.chatId).sort()).toEqual(["0", "1"]);
    expect(summary.planned[0]?.paperIds).toEqual(PAPERS);
    expect(adapter.sends).toHaveLength(0);
    expect(await deliveriesOf(store, "telegram:user:0")).toEqual([]);
    expect((await store.deliveries.historyOf(["telegram:user:0"])).get("telegram:user:0")?.sent).toEqual([]);
  });

  it("takes over the claims of an instance whose lease ended and sends each once", async () => {
    const store = await storeWith(many("telegram", 3));
    const held = new FakeAdapter("telegram");
    held.answer = () => new Promise(() => {}); // instance "a" hangs on its first sends
    void fanOut({ store, now: NOW, adapters: { telegram: held }, concurrency: 1 });
    await expect.poll(() => held.sends.length).toBe(1);

    const other = new FakeAdapter("telegram");
    const early = await fanOut({
      store,
      owner: "b",
      now: new Date(NOW.getTime() + 60_000),
      adapters: { telegram: other },
    });
    expect(early).toMatchObject({ resumed: 0, sent: 0 });
    const later = new Date(NOW.getTime() + 3 * 60_000);
    const summary = await fanOut({ store, owner: "b", now: later, adapters: { telegram: other } });

    // The digest "a" was sending may have arrived: it is failed, never resent. The two it only
    // claimed go out from "b", once.
    expect(summary).toMatchObject({ resumed: 2, sent: 2 });
    const interrupted = held.sends[0]?.chatId ?? "";
    const rest = ["0", "1", "2"].filter((chatId) => chatId !== interrupted);
    expect(other.sends.map((send) => send.chatId).sort()).toEqual(rest);
    expect((await deliveriesOf(store, `telegram:user:${interrupted}`))[0]).toMatchObject({
      status: "failed",
    });
  });

  it("holds the claims of a fan-out that outlasts a lease: each batch is claimed when it is reached", async () => {
    const store = await storeWith(many("telegram", 10));
    const adapter = new FakeAdapter("telegram");
    // A slow platform: small batches, and a minute passes with each send, so the last batches are
    // claimed long after the tick's lease would have ended.
    let clock = NOW.getTime();
    adapter.answer = () => {
      clock += 60_000;
      return { ok: true };
    };
    const limiter: RateLimiter = { acquire: async () => {}, ratePerSecond: 1 };
    const summary = await fanOut({
      store,
      now: NOW,
      clock: () => new Date(clock),
      adapters: { telegram: adapter },
      limiters: { telegram: limiter },
      concurrency: 2,
    });
    expect(summary).toMatchObject({ sent: 10, skipped: 0 });
    expect(adapter.sends).toHaveLength(10);
  });

  it("delivers to 10,000 subscribers, each exactly once", async () => {
    const store = await storeWith({ ...many("telegram", 5_000), ...many("discord", 5_000) });
    const telegram = new FakeAdapter("telegram");
    const discord = new FakeAdapter("discord");
    const summary = await fanOut({ store, now: NOW, adapters: { telegram, discord } });
    await fanOut({ store, now: new Date(NOW.getTime() + 60_000), adapters: { telegram, discord } });

    expect(summary.sent).toBe(10_000);
    expect(new Set(telegram.sends.map((send) => send.chatId)).size).toBe(5_000);
    expect(telegram.sends).toHaveLength(5_000);
    expect(discord.sends).toHaveLength(5_000);
    const scheduled = await store.subscriptions.scheduled();
    expect(scheduled).toHaveLength(10_000);
    expect(
      scheduled.every(({ lastLocalDate, lastSentAt }) => lastLocalDate === "2026-06-01" && lastSentAt),
    ).toBe(true);
  });
});
