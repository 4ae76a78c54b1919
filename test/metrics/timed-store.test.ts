import { describe, expect, it } from "vitest";
import { STORE_WRITES, timeStoreWrites } from "../../src/app/timed-store.js";
import type { Store } from "../../src/core/store/port.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { RecordingTelemetry } from "./helpers.js";

const NOW = new Date("2026-06-01T06:00:00Z");

/** A clock that moves `stepMs` each time it is read: every timed call then lasts one step. */
function steppingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

function timed(inner: Store = openMemoryStore()) {
  const telemetry = new RecordingTelemetry();
  return { store: timeStoreWrites(inner, telemetry, steppingClock(7)), telemetry, inner };
}

describe("timeStoreWrites", () => {
  it("times each write under its method's name and hands back its result", async () => {
    const { store, telemetry } = timed();
    const liked = await store.profiles.update("telegram:user:1", NOW, (profile) => {
      profile.interests.push("graph neural networks");
      return profile.interests.length;
    });
    expect(liked).toBe(1);
    expect(await store.subscriptions.delete("telegram:user:1")).toBe(false);
    await store.ingestRuns.record({ source: "arxiv", at: NOW.toISOString(), added: 2, merged: 0 });

    expect(telemetry.writes).toEqual([
      { method: "profiles.update", seconds: 0.007 },
      { method: "subscriptions.delete", seconds: 0.007 },
      { method: "ingestRuns.record", seconds: 0.007 },
    ]);
  });

  it("does not time reads, and reads see what the writes stored", async () => {
    const { store, telemetry, inner } = timed();
    await store.profiles.update("telegram:user:1", NOW, (profile) => void profile.interests.push("rl"));
    telemetry.writes.length = 0;

    expect((await store.profiles.get("telegram:user:1"))?.interests).toEqual(["rl"]);
    expect((await inner.profiles.get("telegram:user:1"))?.interests).toEqual(["rl"]);
    expect(await store.subscriptions.count()).toBe(0);
    expect(await store.ingestRuns.latest()).toEqual([]);
    expect(store.location).toBe(inner.location);
    expect(telemetry.writes).toEqual([]);
  });

  it("times a failed write too, and passes its error on unchanged", async () => {
    const { store, telemetry } = timed();
    const refused = new Error("change refused");
    await expect(
      store.profiles.update("telegram:user:1", NOW, () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(telemetry.writes).toEqual([{ method: "profiles.update", seconds: 0.007 }]);
    expect(await store.profiles.get("telegram:user:1")).toBeUndefined();
  });

  it("lists only methods the store has", () => {
    const store = openMemoryStore();
    for (const [group, methods] of Object.entries(STORE_WRITES)) {
      const records = store[group as keyof Store] as unknown as Record<string, unknown>;
      for (const method of methods ?? [])
        expect(typeof records[method], `${group}.${method}`).toBe("function");
    }
  });
});
