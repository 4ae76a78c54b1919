import { describe, expect, it } from "vitest";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import { FakeAdapter, PAPERS, deliveriesOf, fanOut, storeWith, subscription } from "./helpers.js";

// 08:00 in Paris on 2026-06-01 (summer time, UTC+2).
const SLOT = "2026-06-01T06:00:00Z";
const after = (minutes: number) => new Date(Date.parse(SLOT) + minutes * 60_000);
const KEY = "telegram:user:42";

describe("a claim the store could not write", () => {
  it("sends nothing, marks nothing as sent, and lets the next tick deliver", async () => {
    const store = await storeWith({ [KEY]: subscription() });
    const claim = store.deliveries.claim.bind(store.deliveries);
    store.deliveries.claim = () =>
      Promise.reject(new StoreWriteError("memory", { cause: new Error("disk full") }));
    const adapter = new FakeAdapter("telegram");

    const failed = await fanOut({ store, now: after(0), adapters: { telegram: adapter } });
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    expect(adapter.sends).toHaveLength(0);
    expect((await store.deliveries.historyOf([KEY])).get(KEY)?.sent).toEqual([]);
    expect(await deliveriesOf(store, KEY)).toEqual([]);

    store.deliveries.claim = claim;
    const next = await fanOut({ store, now: after(5), adapters: { telegram: adapter } });
    expect(next).toMatchObject({ sent: 1, failed: 0 });
    expect(adapter.papersByChat().get("42")).toEqual(PAPERS);
    expect(await deliveriesOf(store, KEY)).toEqual([
      expect.objectContaining({ status: "sent", sentIds: PAPERS }),
    ]);
  });
});
