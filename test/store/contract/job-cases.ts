import { describe, expect, it } from "vitest";
import type { JobHold, Store } from "../../../src/core/store/port.js";
import type { StoreHandle } from "./helpers.js";

const ingest = "ingest";
const polling = "telegram-polling";

/** A hold the case needs; fails the case when the store refuses it. */
async function hold(store: Store, job: string): Promise<JobHold> {
  const held = await store.jobs.tryHold(job);
  if (!held) throw new Error(`expected ${job} to be free, but tryHold answered undefined`);
  return held;
}

/** Whether `lost` settled within a few event-loop turns: a hold that is still good must not. */
async function settlesSoon(lost: Promise<void>): Promise<boolean> {
  const pause = new Promise<false>((resolve) => setTimeout(() => resolve(false), 50));
  return Promise.race([lost.then(() => true), pause]);
}

/**
 * The connection of a closed instance goes away on the server side a moment after close()
 * resolves; a freed job must be free by then, not at once.
 */
async function holdWithin(store: Store, job: string, ms: number): Promise<JobHold | undefined> {
  for (let waited = 0; ; waited += 50) {
    const held = await store.jobs.tryHold(job);
    if (held || waited >= ms) return held;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** jobs.tryHold in one instance: a job runs once at a time, until its hold is released. */
export function jobCases(handle: StoreHandle): void {
  describe("jobs", () => {
    it("a held job is not held again until released; after release it can be held again", async () => {
      const { jobs } = handle.store;
      const first = await hold(handle.store, ingest);
      expect(await jobs.tryHold(ingest)).toBeUndefined();
      await first.release();
      const second = await hold(handle.store, ingest);
      expect(await jobs.tryHold(ingest)).toBeUndefined();
      await second.release();
    });

    it("two job names are held independently", async () => {
      const { jobs } = handle.store;
      const ingesting = await hold(handle.store, ingest);
      const pollingHold = await hold(handle.store, polling);
      await ingesting.release();
      expect(await jobs.tryHold(polling)).toBeUndefined();
      const again = await hold(handle.store, ingest);
      await Promise.all([again.release(), pollingHold.release()]);
    });

    it("a hold that was not released is not lost", async () => {
      const held = await hold(handle.store, ingest);
      expect(typeof held.lost.then).toBe("function");
      expect(await settlesSoon(held.lost)).toBe(false);
      await held.release();
    });

    it("releasing an old hold a second time does not free the job's later hold", async () => {
      const { jobs } = handle.store;
      const old = await hold(handle.store, ingest);
      await old.release();
      const later = await hold(handle.store, ingest);
      await old.release();
      expect(await jobs.tryHold(ingest)).toBeUndefined();
      await later.release();
    });
  });
}

/** jobs.tryHold across instances: whoever holds a job runs it; the others leave it alone. */
export function sharedJobCases(handle: StoreHandle): void {
  describe("jobs, several instances on one storage", () => {
    it("a job held by one instance is refused to the other; after release the other takes it", async () => {
      const first = handle.store;
      const second = await handle.another();
      const byFirst = await hold(first, ingest);
      expect(await second.jobs.tryHold(ingest)).toBeUndefined();
      // Another job is still free for the second instance.
      const pollingHold = await hold(second, polling);
      expect(await first.jobs.tryHold(polling)).toBeUndefined();
      await byFirst.release();
      const bySecond = await hold(second, ingest);
      expect(await first.jobs.tryHold(ingest)).toBeUndefined();
      await Promise.all([bySecond.release(), pollingHold.release()]);
    });

    it("closing the instance that holds a job frees it for another", async () => {
      const first = handle.store;
      const second = await handle.another();
      await hold(first, ingest);
      expect(await second.jobs.tryHold(ingest)).toBeUndefined();
      await first.close();
      const taken = await holdWithin(second, ingest, 3_000);
      expect(taken).toBeDefined();
      await taken?.release();
    });
  });
}
