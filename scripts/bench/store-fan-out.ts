import { performance } from "node:perf_hooks";
import type { DeliveryAdapter } from "../../src/core/delivery/port.js";
import { silentLogger } from "../../src/core/log.js";
import type { FanOutSummary } from "../../src/core/schedule/fan-out.js";
import { runDueDeliveries } from "../../src/core/schedule/fan-out.js";
import { unlimited } from "../../src/core/schedule/rate-limit.js";
import type { Store } from "../../src/core/store/port.js";
import type { Platform } from "../../src/core/target.js";
import { openBenchStore } from "./store-postgres.js";
import { dueSnapshot, NOW, threePapers } from "./due-digests.js";

export interface FanOutFigures {
  /** Wall time from both instances starting until both are done. */
  ms: number;
  /**
   * CPU time this process spent meanwhile (both instances; the database server's is not in it):
   * the part of `ms` that other work on a shared machine cannot stretch.
   */
  cpuMs: number;
  /** Chats that received more than one digest. */
  duplicates: number;
  /** Chats due a digest that received none. */
  missed: number;
  /** Digests each instance handed over. */
  sentByA: number;
  sentByB: number;
}

/**
 * Two instances of paperboy sharing one Postgres schema, each with its own store (its own pool),
 * run the same delivery tick at once: `subscribers` digests are due, and each must reach its chat
 * exactly once. The adapters answer at once and record the chat ids they were handed; rate
 * limits are off (with them the platforms set the pace). Compose is a stub with three picks.
 */
export async function benchTwoInstanceFanOut(
  url: string,
  schema: string,
  opts: { subscribers: number },
): Promise<FanOutFigures> {
  const a = await openBenchStore(url, schema);
  try {
    const b = await openBenchStore(url, schema);
    try {
      const snapshot = dueSnapshot(opts.subscribers);
      await a.replaceAll(snapshot);
      const received = new Map<string, number>();
      const started = performance.now();
      const cpu = process.cpuUsage();
      // The tick's time moves on from NOW as the real clock does, so that leases hold as in production.
      const clock = () => new Date(NOW.getTime() + (performance.now() - started));
      const [byA, byB] = await Promise.all([
        tick(a, "bench-a", received, clock),
        tick(b, "bench-b", received, clock),
      ]);
      const ms = performance.now() - started;
      const { user, system } = process.cpuUsage(cpu);
      const chats = [...snapshot.subscriptions.values()].map((subscription) => subscription.chatId);
      return {
        ms,
        cpuMs: (user + system) / 1000,
        duplicates: [...received.values()].filter((times) => times > 1).length,
        missed: chats.filter((chat) => !received.has(chat)).length,
        sentByA: byA.sent,
        sentByB: byB.sent,
      };
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
}

function tick(
  store: Store,
  owner: string,
  received: Map<string, number>,
  clock: () => Date,
): Promise<FanOutSummary> {
  return runDueDeliveries({
    store,
    owner,
    compose: threePapers,
    adapters: { telegram: recording("telegram", received), discord: recording("discord", received) },
    limiters: { telegram: unlimited, discord: unlimited },
    now: NOW,
    clock,
    graceHours: 6,
    log: silentLogger,
  });
}

/** Answers at once, counting in `received` the digests each chat was handed. */
function recording(platform: Platform, received: Map<string, number>): DeliveryAdapter {
  return {
    platform,
    send(chatId) {
      received.set(chatId, (received.get(chatId) ?? 0) + 1);
      return Promise.resolve({ ok: true });
    },
  };
}
