import { describe, expect, it } from "vitest";
import type { BotState } from "../../../src/core/state/types.js";
import { MemoryDocumentStore } from "../../../src/core/store/memory-store.js";
import { FakeAdapter, PAPERS, fanOut, stateWith, subscription } from "./helpers.js";

// 08:00 in Paris on 2026-06-01 (summer time, UTC+2).
const SLOT = "2026-06-01T06:00:00Z";
const after = (minutes: number) => new Date(Date.parse(SLOT) + minutes * 60_000);
const KEY = "telegram:user:42";

/** A memory store whose next write fails once `failNextWrite` is set, like a full disk. */
class FlakyStore extends MemoryDocumentStore<BotState> {
  failNextWrite = false;

  override async write(doc: BotState): Promise<void> {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error("disk full");
    }
    return super.write(doc);
  }
}

describe("a failed claim write", () => {
  it("sends nothing, marks nothing as sent, and lets the next tick deliver", async () => {
    const doc = new FlakyStore("state");
    const adapter = new FakeAdapter("telegram");
    const state = await stateWith({ [KEY]: subscription() }, doc);
    doc.failNextWrite = true;

    const failed = await fanOut({ state, now: after(0), adapters: { telegram: adapter } });
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    expect(adapter.sends).toHaveLength(0);
    expect(state.state.sent[KEY] ?? []).toEqual([]);
    expect(state.state.deliveries[KEY] ?? []).toEqual([]);
    const onDisk = await doc.read();
    expect(onDisk?.sent[KEY] ?? []).toEqual([]);
    expect(onDisk?.deliveries[KEY] ?? []).toEqual([]);

    const next = await fanOut({ state, now: after(5), adapters: { telegram: adapter } });
    expect(next).toMatchObject({ sent: 1, failed: 0 });
    expect(adapter.papersByChat().get("42")).toEqual(PAPERS);
    expect(state.state.deliveries[KEY]).toEqual([
      expect.objectContaining({ status: "sent", sentIds: PAPERS }),
    ]);
  });
});
