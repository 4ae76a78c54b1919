import type { Platform } from "../core/target.js";
import type { DeliveryAdapter } from "../core/delivery/port.js";
import type { ComposeDigest } from "../core/delivery/digest-port.js";
import type { Logger } from "../core/log.js";
import { runDueDeliveries } from "../core/schedule/fan-out.js";
import { pausedNoticeReply } from "../core/schedule/paused-notice.js";
import { sendSafely } from "../core/schedule/send-digest.js";
import { platformLimiters } from "../core/schedule/rate-limit.js";
import type { StateStore } from "../core/state/state-store.js";

export interface DeliveryTickDeps {
  state: StateStore;
  compose: ComposeDigest;
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
  graceHours: number;
  log: Logger;
}

/** One scheduler tick: deliver what is due now, then tell the owners of newly paused channels. */
export function createDeliveryTick(deps: DeliveryTickDeps): () => Promise<void> {
  const limiters = platformLimiters();
  return async () => {
    const summary = await runDueDeliveries({ ...deps, limiters, now: new Date() });
    if (summary.due > 0) {
      const { due, sent, late, skipped, paused, failed, retry } = summary;
      deps.log.info({ due, sent, late, skipped, paused, failed, retry }, "digests delivered");
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
  };
}

/** Discord needs to be told that an id is a user's (a DM); on Telegram a user's id is their private chat. */
function ownerAddress(platform: Platform, ownerId: string): string {
  return platform === "discord" ? `user:${ownerId}` : ownerId;
}
