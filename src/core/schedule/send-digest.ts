import type { Reply } from "../commands/reply.js";
import type { DeliveryAdapter, SendOptions, SendResult } from "../delivery/port.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/port.js";
import type { ClaimedDigest } from "./claim-batch.js";
import { leaseFrom } from "./lease.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { RateLimiter } from "./rate-limit.js";
import type { StopSignals } from "./stop-signals.js";
import { unlessAborted } from "./stop-signals.js";
import { errorMessage } from "../error-message.js";

/** The reason recorded for a send the shutdown gave up on. */
export const INTERRUPTED_BY_SHUTDOWN = "interrupted by shutdown while sending";

export interface SendDeps {
  store: Store;
  adapter: DeliveryAdapter;
  limiter: RateLimiter;
  /** This instance's name in the claims it holds. */
  owner: string;
  log: Logger;
  /** The time of each step: a fan-out may outlast the tick that started it. */
  clock: () => Date;
  /** The process shutting down: see StopSignals. */
  stop?: StopSignals;
}

/**
 * Sends one claimed digest and records what became of it. The claim is first turned into
 * "sending" in the store; if this instance no longer holds it (its lease ended and another
 * instance took it over), nothing is sent. Never throws.
 *
 * Once `stop.stopping` is aborted, a digest not yet handed over is released instead (the next
 * start sends it); one being handed over gets until `stop.cutoff`, then counts as failed.
 */
export async function sendClaimed(digest: ClaimedDigest, deps: SendDeps): Promise<DeliveryOutcome> {
  const { key, localDate } = digest;
  const { store, owner, log } = deps;
  const stopping = deps.stop?.stopping;
  try {
    await unlessAborted(deps.limiter.acquire(digest.target), stopping, undefined);
    if (stopping?.aborted) return await releaseUnsent(digest, deps);
    const now = deps.clock();
    if (!(await store.deliveries.startSending(key, localDate, leaseFrom(owner, now), now))) {
      log.info({ key, localDate }, "digest no longer held by this instance: not sending it");
      return { kind: "skipped" };
    }
    // Nothing was handed over yet: the next start can send it in full.
    if (stopping?.aborted) return await releaseUnsent(digest, deps);
  } catch (error) {
    log.error({ key, err: error }, "could not start sending the digest; it is sent after its lease ends");
    return { kind: "failed" };
  }
  const interrupted: SendResult = { ok: false, kind: "failed", reason: INTERRUPTED_BY_SHUTDOWN };
  const sending = sendSafely(deps.adapter, digest.chatId, digest.reply, digest.options);
  const result = await unlessAborted(sending, deps.stop?.cutoff, interrupted);
  if (!result.ok) log.warn({ key, kind: result.kind, reason: result.reason }, "digest not delivered");
  return recordResult(digest, result, deps);
}

/**
 * Gives a claimed digest back before anything of it went out, so that the next tick (of this
 * instance once restarted, or of another) sends it. Never throws: a claim that cannot be released
 * is taken over when its lease ends.
 */
export async function releaseUnsent(
  digest: Pick<ClaimedDigest, "key" | "localDate">,
  deps: Pick<SendDeps, "store" | "owner" | "log">,
): Promise<DeliveryOutcome> {
  const { key, localDate } = digest;
  try {
    await deps.store.deliveries.release(key, localDate, deps.owner);
  } catch (error) {
    deps.log.error({ key, err: error }, "could not release the digest; it is sent after its lease ends");
  }
  return { kind: "retry" };
}

/** Records a send's result; the store refuses quietly if the claim passed to someone else meanwhile. */
async function recordResult(
  digest: ClaimedDigest,
  result: SendResult,
  deps: SendDeps,
): Promise<DeliveryOutcome> {
  const { key, localDate, target } = digest;
  const { deliveries, subscriptions } = deps.store;
  const owner = deps.owner;
  const now = deps.clock();
  try {
    if (result.ok) {
      await deliveries.markSent(key, localDate, owner, now);
      return { kind: "sent", late: digest.late };
    }
    if (result.kind === "retry") {
      await deliveries.release(key, localDate, owner);
      return { kind: "retry" };
    }
    await deliveries.markFailed(key, localDate, owner, result.reason, now);
    if (result.kind === "failed") return { kind: "failed" };
    const subscription = await subscriptions.get(key);
    await subscriptions.pause(key, result.reason, now);
    const ownerId = subscription?.ownerId ?? "";
    const canNotifyOwner = target.kind === "channel" && ownerId !== "" && ownerId !== target.id;
    return { kind: "gone", notice: { key, target, ownerId, reason: result.reason, canNotifyOwner } };
  } catch (error) {
    // The record stays "sending" and turns "failed" when its lease ends: never sent twice.
    deps.log.error({ key, err: error }, "could not record the delivery result");
    return result.ok ? { kind: "sent", late: digest.late } : { kind: "failed" };
  }
}

export async function sendSafely(
  adapter: DeliveryAdapter,
  chatId: string,
  reply: Reply,
  options?: SendOptions,
): Promise<SendResult> {
  try {
    // Without options, the call adapters have always had: a plain digest.
    return await (options ? adapter.send(chatId, reply, options) : adapter.send(chatId, reply));
  } catch (error) {
    // Adapters promise not to throw; one that does still must not stop the fan-out.
    return { ok: false, kind: "failed", reason: errorMessage(error) };
  }
}
