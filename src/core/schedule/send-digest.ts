import type { Reply } from "../commands/reply.js";
import type { DeliveryAdapter, SendResult } from "../delivery/port.js";
import type { Logger } from "../log.js";
import type { StateStore } from "../state/state-store.js";
import type { ClaimedDigest } from "./claim-batch.js";
import { pauseSubscription, recordFailed, recordSent, releaseForRetry } from "./delivery-log.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { RateLimiter } from "./rate-limit.js";

export interface SentDigest {
  digest: ClaimedDigest;
  result: SendResult;
}

/** Waits for the platform's rate limit and sends one claimed digest. Never throws. */
export async function sendClaimed(
  digest: ClaimedDigest,
  deps: { adapter: DeliveryAdapter; limiter: RateLimiter; log: Logger },
): Promise<SentDigest> {
  await deps.limiter.acquire(digest.due.target);
  const result = await sendSafely(deps.adapter, digest.due.subscription.chatId, digest.reply);
  if (!result.ok) {
    deps.log.warn({ key: digest.due.key, kind: result.kind, reason: result.reason }, "digest not delivered");
  }
  return { digest, result };
}

/**
 * Records the results of a batch of sends in one write. Until it lands the "sending" claims
 * stand, which already count as delivered, so a crash before it sends nothing twice.
 */
export async function recordResults(
  sent: readonly SentDigest[],
  deps: { state: StateStore; now: Date; log: Logger },
) {
  if (sent.length === 0) return;
  try {
    await deps.state.update((state) => {
      for (const { digest, result } of sent) {
        const { key, localDate } = digest.due;
        if (result.ok) recordSent(state, key, localDate, deps.now);
        else if (result.kind === "retry") releaseForRetry(state, key, localDate, digest.added);
        else recordFailed(state, key, localDate, result.reason, deps.now);
        if (!result.ok && result.kind === "gone") pauseSubscription(state, key, result.reason, deps.now);
      }
    });
  } catch (error) {
    deps.log.error({ err: error, targets: sent.length }, "could not record the delivery results");
  }
}

/** How a send counts in the fan-out summary. */
export function outcomeOf({ digest, result }: SentDigest): DeliveryOutcome {
  const { due } = digest;
  if (result.ok) return { kind: "sent", late: due.late };
  if (result.kind !== "gone") return { kind: result.kind };
  const { key, target, subscription } = due;
  const { ownerId } = subscription;
  const canNotifyOwner = target.kind === "channel" && ownerId !== "" && ownerId !== target.id;
  return { kind: "gone", notice: { key, target, ownerId, reason: result.reason, canNotifyOwner } };
}

export async function sendSafely(
  adapter: DeliveryAdapter,
  chatId: string,
  reply: Reply,
): Promise<SendResult> {
  try {
    return await adapter.send(chatId, reply);
  } catch (error) {
    // Adapters promise not to throw; one that does still must not stop the fan-out.
    return { ok: false, kind: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
