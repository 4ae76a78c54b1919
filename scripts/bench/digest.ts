import { performance } from "node:perf_hooks";
import type { DeliveryAdapter, SendResult } from "../../src/core/delivery/port.js";
import { silentLogger } from "../../src/core/log.js";
import { runDueDeliveries } from "../../src/core/schedule/fan-out.js";
import { unlimited } from "../../src/core/schedule/rate-limit.js";
import type { Store } from "../../src/core/store/port.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";
import { dueSnapshot, NOW, threePapers } from "./due-digests.js";

/**
 * Times one fan-out of `subscribers` due digests: due computation over every subscription, compose
 * (a stub returning three ids, so the recommender's own cost is measured elsewhere), the claims
 * and results through the record engine of the files store, kept in memory here (the store
 * section measures the disk and Postgres), and the hand-off to a fake adapter that
 * answers at once. Rate limits are disabled for the measurement: with them, the platforms' own
 * limits (30 msg/s on Telegram, 50 req/s on Discord) set the pace, not this code.
 */
export async function benchDigest(opts: { subscribers: number }): Promise<{ fanOutMs: number }> {
  const store = await dueStore(opts.subscribers);
  const adapters = { telegram: instantAdapter("telegram"), discord: instantAdapter("discord") };

  const started = performance.now();
  const summary = await runDueDeliveries({
    store,
    owner: "bench",
    // The fan-out's own clock runs from NOW, so the claims' leases hold as in a real run.
    clock: () => new Date(NOW.getTime() + (performance.now() - started)),
    compose: threePapers,
    adapters,
    limiters: { telegram: unlimited, discord: unlimited },
    now: NOW,
    graceHours: 6,
    log: silentLogger,
  });
  const fanOutMs = performance.now() - started;

  const handedOver = adapters.telegram.sends + adapters.discord.sends;
  if (summary.sent !== opts.subscribers || handedOver !== opts.subscribers) {
    throw new Error(`expected ${opts.subscribers} digests, sent ${summary.sent} (${handedOver} handed over)`);
  }
  return { fanOutMs };
}

/** A store holding `subscribers` subscriptions all due at NOW. */
async function dueStore(subscribers: number): Promise<Store> {
  const store = openMemoryStore();
  await store.replaceAll(dueSnapshot(subscribers));
  return store;
}

function instantAdapter(platform: "telegram" | "discord"): DeliveryAdapter & { sends: number } {
  return {
    platform,
    sends: 0,
    async send(): Promise<SendResult> {
      this.sends += 1;
      return { ok: true };
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const subscribers = 10_000;
  const { fanOutMs } = await benchDigest({ subscribers });
  console.log(`digest fan-out: ${subscribers} subscribers in ${fanOutMs.toFixed(0)} ms (target ≤ 5000 ms)`);
}
