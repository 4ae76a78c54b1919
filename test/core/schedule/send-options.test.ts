import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/commands/reply.js";
import type { DeliveryAdapter, SendOptions, SendResult } from "../../../src/core/delivery/port.js";
import { splitPerPaper } from "../../../src/core/delivery/per-paper.js";
import { silentLogger } from "../../../src/core/log.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import { LEASE_MS } from "../../../src/core/schedule/lease.js";
import type { RateLimiter } from "../../../src/core/schedule/rate-limit.js";
import { composeThree, fanOut, PAPERS, storeWith, subscription } from "./helpers.js";

// 08:00 in Paris on 2026-06-01 (summer time, UTC+2).
const SLOT = new Date("2026-06-01T06:00:00Z");
const KEY = "telegram:channel:-1001";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Records each send with the options it came with. */
class OptionsAdapter implements DeliveryAdapter {
  readonly platform = "telegram" as const;
  readonly sends: { chatId: string; reply: Reply; options?: SendOptions; args: number }[] = [];

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<SendResult> {
    // How many arguments the scheduler passed: a plain digest keeps the two-argument call.
    this.sends.push({ chatId, reply, ...(options ? { options } : {}), args: arguments.length });
    return { ok: true };
  }
}

describe("digest send options", () => {
  it("sends a subscription's threads and topic with its digest", async () => {
    const adapter = new OptionsAdapter();
    const store = await storeWith({
      [KEY]: subscription({ chatId: "-1001", threads: true, topicId: "45" }),
    });
    await fanOut({ store, now: SLOT, adapters: { telegram: adapter } });
    expect(adapter.sends).toHaveLength(1);
    expect(adapter.sends[0]?.options).toEqual({ threads: true, topicId: "45" });
    expect(adapter.sends[0]?.reply).not.toHaveProperty("sendOptions");
  });

  it("calls a plain subscription's adapter as before: chat and reply only", async () => {
    const adapter = new OptionsAdapter();
    const store = await storeWith({ [KEY]: subscription({ chatId: "-1001" }) });
    await fanOut({ store, now: SLOT, adapters: { telegram: adapter } });
    expect(adapter.sends.map((send) => send.args)).toEqual([2]);
  });

  /** Both stores keep the claimed reply as JSON: a memory (files) store, and Postgres on PGlite. */
  const STORES: { name: string; open(): Promise<{ store: Store; done(): Promise<void> }> }[] = [
    { name: "files", open: async () => ({ store: openMemoryStore(), done: async () => {} }) },
    {
      name: "postgres",
      async open() {
        const testDb = await makeTestDb();
        const store = await openPostgresStore(testDb.db, { log: silentLogger });
        return { store, done: () => testDb.drop() };
      },
    },
  ];

  describe.each(STORES)("a taken-over digest ($name store)", ({ open }) => {
    it("sends a digest taken over from a dead instance to the same topic, with the same threads", async () => {
      const { store: empty, done } = await open();
      cleanup = done;
      const store = await storeWith(
        { [KEY]: subscription({ chatId: "-1001", threads: true, topicId: "45" }) },
        empty,
      );
      // The first instance claims the digest and dies before sending it.
      const stuck: RateLimiter = { acquire: () => new Promise(() => {}), ratePerSecond: 10 };
      void fanOut({
        store,
        now: SLOT,
        adapters: { telegram: new OptionsAdapter() },
        limiters: { telegram: stuck },
      });
      await expect.poll(async () => (await store.deliveries.recent(KEY, 1))[0]?.status).toBe("claimed");
      // Meanwhile the subscription changed: the claimed digest still goes where it was claimed for.
      await store.subscriptions.put(KEY, subscription({ chatId: "-1001" }));

      const fresh = new OptionsAdapter();
      const later = new Date(SLOT.getTime() + LEASE_MS + 60_000);
      const summary = await fanOut({ store, owner: "b", now: later, adapters: { telegram: fresh } });
      expect(summary.resumed).toBe(1);
      expect(fresh.sends).toHaveLength(1);
      expect(fresh.sends[0]?.options).toEqual({ threads: true, topicId: "45" });
      expect(fresh.sends[0]?.reply.cards.map((card) => card.id)).toEqual(PAPERS);
      expect(fresh.sends[0]?.reply).not.toHaveProperty("sendOptions");
    });
  });
});

describe("splitPerPaper", () => {
  const digest = (): Reply => {
    const reply = composeThree({} as never, { now: SLOT, late: false }).reply as Reply;
    return {
      ...reply,
      lines: ["Sorry, this digest is late."],
      footer: "👍/👎 tune tomorrow's picks",
      buttons: [{ label: "More", action: "picks" }],
    };
  };

  it("puts the header first, then each paper numbered as in the whole digest, footer and buttons last", () => {
    const parts = splitPerPaper(digest());
    expect(parts.map((part) => part.paper?.position)).toEqual([undefined, 1, 2, 3]);
    expect(parts[0]?.reply).toMatchObject({
      title: "Today's papers",
      lines: ["Sorry, this digest is late."],
      cards: [],
    });
    expect(parts.slice(1).map((part) => part.reply.cards.map((card) => card.id))).toEqual(
      PAPERS.map((id) => [id]),
    );
    expect(parts.map((part) => part.reply.footer)).toEqual([
      undefined,
      undefined,
      undefined,
      "👍/👎 tune tomorrow's picks",
    ]);
    expect(parts.map((part) => part.reply.buttons.length)).toEqual([0, 0, 0, 1]);
  });

  it("keeps a note without papers whole, and leaves out an empty header", () => {
    const note: Reply = { kind: "info", lines: ["Nothing new today."], cards: [], buttons: [] };
    expect(splitPerPaper(note)).toEqual([{ reply: note }]);
    const untitled = { ...digest(), title: undefined, lines: [] };
    expect(splitPerPaper(untitled).map((part) => part.paper?.position)).toEqual([1, 2, 3]);
  });
});
