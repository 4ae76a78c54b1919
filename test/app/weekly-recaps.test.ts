import { recapSubscription } from "../core/recap/recap-subscription.js";
import { describe, expect, it } from "vitest";
import { startWeeklyRecaps } from "../../src/app/weekly-recaps.js";
import type { Reply } from "../../src/core/commands/reply.js";
import type { DeliveryAdapter } from "../../src/core/delivery/port.js";
import type { Logger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";

const KEY = "discord:channel:900";
const PAPER: Paper = {
  id: "2612.00001",
  title: "A voted paper",
  abstract: "An abstract.",
  authors: [],
  sources: ["arxiv"],
};
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("weekly recaps in the running app", () => {
  it("send a due recap once, from the instance holding the job, and stop cleanly", async () => {
    const store = openMemoryStore();
    const sent: Reply[] = [];
    const adapter: DeliveryAdapter = {
      platform: "discord",
      send: async (_chatId, reply) => {
        sent.push(reply);
        return { ok: true };
      },
    };
    // Last Friday's 16:00 UTC slot has passed within the grace window.
    const now = new Date("2026-12-04T17:00:00Z");
    await store.subscriptions.put(KEY, recapSubscription("UTC"));
    await store.votes.cast(KEY, PAPER.id, "1", 1, new Date("2026-12-02T10:00:00Z"));
    const deps = {
      store,
      papers: { byId: async () => new Map([[PAPER.id, PAPER]]) },
      adapters: { discord: adapter },
      log: quiet,
      now: () => now,
    };
    const first = startWeeklyRecaps(deps);
    await expect.poll(() => sent.length).toBe(1);
    const second = startWeeklyRecaps(deps);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([first.stop(), second.stop()]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.cards.map((card) => card.id)).toEqual([PAPER.id]);
  });
});
