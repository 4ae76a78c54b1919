import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Store } from "../../src/core/store/port.js";
import { userKey } from "./store-data.js";
import { seededRandom } from "./synthetic-corpus.js";

/** Changes made before the clock starts: the first write of a shard opens its file, pg its connections. */
const WARM_UP = 5;
/** The event loop's delay is sampled every this many ms: a block is over-stated by at most this. */
const LOOP_RESOLUTION_MS = 5;

export interface ChangeFigures {
  p50Ms: number;
  p95Ms: number;
  /** The longest the event loop went without running a timer while the changes ran. */
  loopMaxMs: number;
}

/**
 * Times `changes` profile changes, one after the other as a busy bot makes them: each user (one
 * drawn at random among `users`) likes one more paper, through `store.profiles.update`. `onStart`
 * runs once the warm-up is done, as the timed changes begin (to read a counter).
 */
export async function timeProfileChanges(
  store: Store,
  opts: { users: number; changes: number; onStart?: () => void },
): Promise<ChangeFigures> {
  const random = seededRandom(opts.users);
  const now = new Date("2026-06-01T09:00:00.000Z");
  let liked = 0;
  const change = () => {
    const key = userKey(Math.floor(random() * opts.users));
    const id = `2606.${String(liked++).padStart(5, "0")}`;
    return store.profiles.update(key, now, (profile) => void profile.liked.push(id));
  };
  for (let n = 0; n < WARM_UP; n++) await change();
  opts.onStart?.();

  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const latencies: number[] = [];
  loop.enable();
  for (let n = 0; n < opts.changes; n++) {
    const started = performance.now();
    await change();
    latencies.push(performance.now() - started);
  }
  // One more turn of the event loop, so a block at the end of the last change is sampled too.
  await new Promise((resolve) => setTimeout(resolve, LOOP_RESOLUTION_MS * 2));
  loop.disable();
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    loopMaxMs: loop.max / 1e6,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
