import { recapSubscription } from "../core/recap/recap-subscription.js";
import { beforeEach, describe, expect, it } from "vitest";
import { createRecapJob } from "../../src/app/recap-job.js";
import type { Reply } from "../../src/core/commands/reply.js";
import type { DeliveryAdapter, SendResult } from "../../src/core/delivery/port.js";
import type { Logger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import type { Store } from "../../src/core/store/port.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";

const KEY = "discord:channel:900";
const PAPERS: Paper[] = ["2612.00001", "2612.00002", "2612.00003", "2612.00004"].map((id, index) => ({
  id,
  title: `Paper ${index + 1}`,
  abstract: "An abstract.",
  authors: ["A. Author"],
  sources: ["arxiv"],
}));
const [A, B, C, D] = PAPERS.map((paper) => paper.id) as [string, string, string, string];
const papers = {
  byId: async (ids: readonly string[]) =>
    new Map(PAPERS.filter((paper) => ids.includes(paper.id)).map((paper) => [paper.id, paper])),
};

interface Sent {
  chatId: string;
  reply: Reply;
}

let store: Store;
let now: Date;
let sends: Sent[];
let result: SendResult;
let logged: Array<{ level: string; obj: object | string; msg?: string }>;
const adapter: DeliveryAdapter = {
  platform: "discord",
  send: async (chatId, reply) => {
    sends.push({ chatId, reply });
    return result;
  },
};
const log: Logger = {
  debug: (obj, msg) => logged.push({ level: "debug", obj, ...(msg && { msg }) }),
  info: (obj, msg) => logged.push({ level: "info", obj, ...(msg && { msg }) }),
  warn: (obj, msg) => logged.push({ level: "warn", obj, ...(msg && { msg }) }),
  error: (obj, msg) => logged.push({ level: "error", obj, ...(msg && { msg }) }),
};
/** A new job on the same store: what an instance that restarted, or took the job over, runs. */
const newJob = () => createRecapJob({ store, papers, adapters: { discord: adapter }, log, now: () => now });
const tickAt = async (iso: string, job = newJob()) => {
  now = new Date(iso);
  await job();
};
const vote = (paperId: string, member: string, at: string, value: 1 | -1 = 1) =>
  store.votes.cast(KEY, paperId, member, value, new Date(at));
const cardIds = (sent: Sent | undefined) => sent?.reply.cards.map((card) => card.id);

beforeEach(() => {
  store = openMemoryStore();
  sends = [];
  result = { ok: true };
  logged = [];
});

describe("the weekly recap job", () => {
  it("posts once at its slot in the channel's zone, not again that week after a restart, and again the next week", async () => {
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo"));
    // Friday 2026-12-11 16:00 in Tokyo is 07:00 UTC; its week runs from the Friday before, 16:00 Tokyo.
    await vote(A, "m1", "2026-12-09T03:00:00Z");
    await vote(A, "m2", "2026-12-09T04:00:00Z");
    await vote(B, "m1", "2026-12-10T03:00:00Z", -1);
    await vote(C, "m1", "2026-12-06T14:30:00Z"); // Sunday 23:30 in Tokyo: after last Friday's recap
    await vote(D, "m1", "2026-12-04T06:30:00Z"); // Friday 15:30 in Tokyo: counted by last week's recap
    await store.readingLists.save(KEY, { paperId: D, savedBy: "m3", savedAt: "2026-12-06T15:30:00.000Z" }); // Monday 00:30 Tokyo
    const job = newJob();

    await tickAt("2026-12-11T06:59:00Z", job);
    expect(sends).toHaveLength(0);
    await tickAt("2026-12-11T07:00:00Z", job);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.chatId).toBe("900");
    expect(sends[0]?.reply.title).toBe("Weekly recap · 2026-W50");
    expect(cardIds(sends[0])).toEqual([A, C, B, D]);
    expect(sends[0]?.reply.cards[0]?.why).toBe("👍 2 · 👎 0 this week");
    expect(sends[0]?.reply.cards[3]?.why).toMatch("by m3");

    await tickAt("2026-12-11T07:01:00Z", job);
    await tickAt("2026-12-11T08:00:00Z"); // restarted instance
    await tickAt("2026-12-12T01:00:00Z"); // Saturday, still week 50
    expect(sends).toHaveLength(1);
    expect((await store.subscriptions.get(KEY))?.recap?.lastWeek).toBe("2026-W50");

    await vote(C, "m2", "2026-12-15T03:00:00Z");
    await tickAt("2026-12-18T07:00:00Z");
    expect(sends).toHaveLength(2);
    expect(sends[1]?.reply.title).toBe("Weekly recap · 2026-W51");
    // Last week's votes and saves are not counted again.
    expect(cardIds(sends[1])).toEqual([C]);
    expect(sends[1]?.reply.cards[0]?.why).toBe("👍 1 · 👎 0 this week");
  });

  it("sends nothing for a week without votes or saves, and logs the tick", async () => {
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo"));
    await tickAt("2026-12-11T07:00:00Z");
    expect(sends).toHaveLength(0);
    expect(logged).toContainEqual({
      level: "info",
      obj: { due: 1, sent: 0, empty: 1, failed: 0 },
      msg: "weekly recaps",
    });
    await vote(A, "m1", "2026-12-11T07:30:00Z");
    await tickAt("2026-12-11T08:00:00Z");
    expect(sends).toHaveLength(0); // that week is done: the vote counts in the next recap
    await vote(B, "m1", "2026-12-16T07:30:00Z");
    await tickAt("2026-12-18T07:00:00Z");
    expect(cardIds(sends[0])).toEqual([A, B]);
  });

  it("follows the zone's clock change: New York's first summer-time week", async () => {
    await store.subscriptions.put(KEY, recapSubscription("America/New_York"));
    // Clocks went forward on Sunday 2026-03-08: Friday 16:00 EDT is 20:00 UTC, an hour earlier than
    // the week before (21:00 UTC), and the week counted runs from that earlier slot.
    await vote(C, "m1", "2026-03-04T12:00:00Z");
    await tickAt("2026-03-06T20:59:00Z");
    expect(sends).toHaveLength(0);
    await tickAt("2026-03-06T21:00:00Z");
    expect(sends).toHaveLength(1);
    expect(sends[0]?.reply.title).toBe("Weekly recap · 2026-W10");
    await vote(A, "m1", "2026-03-06T20:30:00Z"); // Friday 15:30 EST: counted by the W10 recap
    await vote(B, "m1", "2026-03-06T21:30:00Z"); // Friday 16:30 EST: after it
    await tickAt("2026-03-13T19:59:00Z");
    expect(sends).toHaveLength(1);
    await tickAt("2026-03-13T20:00:00Z");
    expect(sends).toHaveLength(2);
    expect(sends[1]?.reply.title).toBe("Weekly recap · 2026-W11");
    expect(cardIds(sends[1])).toEqual([B]);
  });

  it("logs a failed send and does not try again that week", async () => {
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo"));
    await vote(A, "m1", "2026-12-09T03:00:00Z");
    result = { ok: false, kind: "retry", reason: "HTTP 503" };
    await tickAt("2026-12-11T07:00:00Z");
    expect(sends).toHaveLength(1);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: "warn",
        obj: expect.objectContaining({ key: KEY, reason: "HTTP 503" }),
      }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ obj: { due: 1, sent: 0, empty: 0, failed: 1 } }));
    result = { ok: true };
    await tickAt("2026-12-11T07:01:00Z");
    await tickAt("2026-12-11T09:00:00Z");
    expect(sends).toHaveLength(1);
    await vote(A, "m2", "2026-12-16T03:00:00Z");
    await tickAt("2026-12-18T07:00:00Z");
    expect(sends).toHaveLength(2);
  });

  it("catches up within six hours of the slot, and lets a later one go", async () => {
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo"));
    await vote(A, "m1", "2026-12-09T03:00:00Z");
    await tickAt("2026-12-11T13:00:00Z"); // 22:00 in Tokyo: six hours late
    expect(sends).toHaveLength(1);
    await vote(A, "m2", "2026-12-16T03:00:00Z");
    await tickAt("2026-12-18T13:01:00Z");
    expect(sends).toHaveLength(1);
  });

  it("counts a vote or save made after the slot in the next week's recap only, even in a late recap", async () => {
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo"));
    await vote(A, "m1", "2026-12-09T03:00:00Z");
    // After Friday's 16:00 Tokyo slot (07:00 UTC), before the late recap goes out at 09:00 UTC.
    await vote(B, "m1", "2026-12-11T08:00:00Z");
    await store.readingLists.save(KEY, { paperId: C, savedBy: "m2", savedAt: "2026-12-11T08:30:00.000Z" });
    await tickAt("2026-12-11T09:00:00Z");
    expect(cardIds(sends[0])).toEqual([A]);
    await tickAt("2026-12-18T07:00:00Z");
    expect(cardIds(sends[1])).toEqual([B, C]);
  });

  it("skips paused subscriptions, subscriptions without a recap, and people's own digests", async () => {
    const paused = { reason: "Missing Access", at: "2026-12-01T00:00:00.000Z" };
    await store.subscriptions.put(KEY, recapSubscription("Asia/Tokyo", { paused }));
    await store.subscriptions.put(
      "discord:channel:901",
      recapSubscription("Asia/Tokyo", { recap: undefined }),
    );
    await store.subscriptions.put("discord:user:7", recapSubscription("Asia/Tokyo"));
    for (const key of [KEY, "discord:channel:901", "discord:user:7"])
      await store.votes.cast(key, A, "m1", 1, new Date("2026-12-09T03:00:00Z"));
    await tickAt("2026-12-11T07:00:00Z");
    expect(sends).toHaveLength(0);
  });
});
