import { describe, expect, it } from "vitest";
import type { Subscription } from "../../../src/core/records.js";
import { INTERRUPTED_BY_SHUTDOWN } from "../../../src/core/schedule/send-digest.js";
import type { StopSignals } from "../../../src/core/schedule/stop-signals.js";
import {
  FakeAdapter,
  PAPERS,
  deliveriesOf,
  fanOut,
  recordingLog,
  storeWith,
  subscription,
} from "./helpers.js";

const NOW = new Date("2026-06-01T06:00:00Z"); // 08:00 in Paris

function many(count: number): Record<string, Subscription> {
  const subscriptions: Record<string, Subscription> = {};
  for (let n = 0; n < count; n++) subscriptions[`telegram:user:${n}`] = subscription({ chatId: String(n) });
  return subscriptions;
}

function stopSignals() {
  const stopping = new AbortController();
  const cutoff = new AbortController();
  const stop: StopSignals = { stopping: stopping.signal, cutoff: cutoff.signal };
  return { stop, begin: () => stopping.abort(), cut: () => cutoff.abort() };
}

describe("a fan-out when the process shuts down", () => {
  it("lets a send under way finish and records it sent", async () => {
    const store = await storeWith(many(1));
    const adapter = new FakeAdapter("telegram");
    let answer: () => void = () => {};
    adapter.answer = () => new Promise((resolve) => (answer = () => resolve({ ok: true })));
    const { stop, begin } = stopSignals();
    const done = fanOut({ store, now: NOW, adapters: { telegram: adapter }, stop });
    await expect.poll(() => adapter.sends.length).toBe(1);

    begin();
    answer();
    const summary = await done;

    expect(summary).toMatchObject({ sent: 1, failed: 0 });
    expect((await deliveriesOf(store, "telegram:user:0"))[0]).toMatchObject({
      status: "sent",
      sentIds: PAPERS,
    });
  });

  it("gives up a send that hangs at the cutoff and records it failed, never to be sent again", async () => {
    const store = await storeWith(many(1));
    const adapter = new FakeAdapter("telegram");
    adapter.answer = () => new Promise(() => {});
    const { stop, begin, cut } = stopSignals();
    const log = recordingLog();
    const done = fanOut({ store, now: NOW, adapters: { telegram: adapter }, stop, log });
    await expect.poll(() => adapter.sends.length).toBe(1);

    begin();
    cut();
    const summary = await done;

    expect(summary).toMatchObject({ sent: 0, failed: 1 });
    const [record] = await deliveriesOf(store, "telegram:user:0");
    expect(record).toMatchObject({ status: "failed", error: INTERRUPTED_BY_SHUTDOWN });
    expect(record?.owner).toBeUndefined();
    // It may have reached the chat: its papers stay in the sent history.
    expect((await store.deliveries.historyOf(["telegram:user:0"])).get("telegram:user:0")?.sent).toEqual(
      PAPERS,
    );
    expect(log.lines.some((line) => line.includes(INTERRUPTED_BY_SHUTDOWN))).toBe(true);
  });

  it("sends nothing more once stopping, and releases what it claimed but did not send", async () => {
    const store = await storeWith(many(5));
    const adapter = new FakeAdapter("telegram");
    let answer: () => void = () => {};
    adapter.answer = () => new Promise((resolve) => (answer = () => resolve({ ok: true })));
    const { stop, begin } = stopSignals();
    const log = recordingLog();
    const done = fanOut({ store, now: NOW, adapters: { telegram: adapter }, stop, concurrency: 1, log });
    await expect.poll(() => adapter.sends.length).toBe(1);

    begin();
    answer();
    const summary = await done;

    expect(adapter.sends).toHaveLength(1);
    expect(summary).toMatchObject({ sent: 1, retry: 4 });
    const sentTo = adapter.sends[0]?.chatId ?? "";
    for (let n = 0; n < 5; n++) {
      const key = `telegram:user:${n}`;
      const records = await deliveriesOf(store, key);
      if (String(n) === sentTo) expect(records[0]?.status).toBe("sent");
      else {
        // Released: no record and nothing in the sent history, so the next start sends it in full.
        expect(records, key).toEqual([]);
        expect((await store.deliveries.historyOf([key])).get(key)?.sent, key).toEqual([]);
      }
    }
    expect(log.lines.some((line) => line.includes("wait for the next start"))).toBe(true);

    const next = new FakeAdapter("telegram");
    const later = await fanOut({
      store,
      now: new Date(NOW.getTime() + 60_000),
      adapters: { telegram: next },
    });
    expect(later).toMatchObject({ sent: 4 });
  });

  it("does nothing at all once stopping", async () => {
    const store = await storeWith(many(2));
    const adapter = new FakeAdapter("telegram");
    const { stop, begin } = stopSignals();
    begin();

    const summary = await fanOut({ store, now: NOW, adapters: { telegram: adapter }, stop });

    expect(summary).toMatchObject({ due: 0, sent: 0 });
    expect(adapter.sends).toEqual([]);
    expect(await deliveriesOf(store, "telegram:user:0")).toEqual([]);
  });
});
