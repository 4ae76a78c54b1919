import type { DeliveryAdapter } from "../core/delivery/port.js";
import type { ComposeDigest } from "../core/delivery/digest-port.js";
import type { Logger } from "../core/log.js";
import { runDueDeliveries } from "../core/schedule/fan-out.js";
import { pausedNoticeReply } from "../core/schedule/paused-notice.js";
import { sendSafely } from "../core/schedule/send-digest.js";
import { platformLimiters } from "../core/schedule/rate-limit.js";
import { pruneCutoffs } from "../core/schedule/retention.js";
import type { StopSignals } from "../core/schedule/stop-signals.js";
import type { Store } from "../core/store/port.js";
import type { Platform } from "../core/target.js";
import type { Telemetry } from "../core/telemetry.js";
import { reportDigests } from "./digest-telemetry.js";

export interface DeliveryTickDeps {
  store: Store;
  /** This instance's name in the claims it holds. */
  owner: string;
  compose: ComposeDigest;
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
  graceHours: number;
  log: Logger;
  /** The process shutting down: the tick in flight ends early, see StopSignals. */
  stop?: StopSignals;
  /** Told what became of each tick's due digests, per platform (see reportDigests). */
  telemetry?: Telemetry;
}

/** How often the delivery log and sent history are pruned of what can no longer matter. */
const PRUNE_EVERY_MS = 6 * 3_600_000;

/**
 * One scheduler tick: deliver what is due now, tell the owners of newly paused channels, and now
 * and then forget deliveries and sent papers that can no longer matter. Once shutdown begins, only
 * the sends under way are finished (or given up at the cutoff) and recorded.
 */
export function createDeliveryTick(deps: DeliveryTickDeps): () => Promise<void> {
  const limiters = platformLimiters();
  let lastPrune = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = new Date();
    const summary = await runDueDeliveries({ ...deps, limiters, now });
    reportDigests(summary, deps.telemetry);
    if (summary.due + summary.resumed > 0) {
      const { due, resumed, sent, late, skipped, paused, failed, retry } = summary;
      deps.log.info({ due, resumed, sent, late, skipped, paused, failed, retry }, "digests delivered");
    }
    if (deps.stop?.stopping.aborted) {
      const untold = summary.newlyPaused.filter((notice) => notice.canNotifyOwner).length;
      if (untold > 0)
        deps.log.warn({ owners: untold }, "shutting down: owners not told of their paused digest");
      return;
    }
    for (const notice of summary.newlyPaused) {
      const adapter = deps.adapters[notice.target.platform];
      if (!notice.canNotifyOwner || !adapter) continue;
      const owner = ownerAddress(notice.target.platform, notice.ownerId);
      const result = await sendSafely(adapter, owner, pausedNoticeReply(notice));
      if (!result.ok)
        deps.log.warn(
          { key: notice.key, reason: result.reason },
          "could not tell the owner of a paused digest",
        );
    }
    if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      const pruned = await deps.store.deliveries.prune(pruneCutoffs(now));
      if (pruned.deliveries + pruned.sent > 0) deps.log.info(pruned, "pruned old deliveries and sent papers");
    }
  };
}

/** Discord needs to be told that an id is a user's (a DM); on Telegram a user's id is their private chat. */
function ownerAddress(platform: Platform, ownerId: string): string {
  return platform === "discord" ? `user:${ownerId}` : ownerId;
}
