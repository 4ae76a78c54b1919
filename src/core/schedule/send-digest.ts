import type { Reply } from "../commands/reply.js";
import type { DeliveryAdapter, SendResult } from "../delivery/port.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/port.js";
import type { ClaimedDigest } from "./claim-batch.js";
import { leaseFrom } from "./lease.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { RateLimiter } from "./rate-limit.js";

export interface SendDeps {
  store: Store;
  adapter: DeliveryAdapter;
  limiter: RateLimiter;
  /** This instance's name in the claims it holds. */
  owner: string;
  log: Logger;
  /** The time of each step: a fan-out may outlast the tick that started it. */
  clock: () => Date;
}

/**
 * Sends one claimed digest and records what became of it. The claim is first turned into
 * "sending" in the store; if this instance no longer holds it (its lease ended and another
 * instance took it over), nothing is sent. Never throws.
 */
export async function sendClaimed(digest: ClaimedDigest, deps: SendDeps): Promise<DeliveryOutcome> {
  const { key, localDate } = digest;
  const { store, owner, log } = deps;
  try {
    await deps.limiter.acquire(digest.target);
    const now = deps.clock();
    if (!(await store.deliveries.startSending(key, localDate, leaseFrom(owner, now), now))) {
      log.info({ key, localDate }, "digest no longer held by this instance: not sending it");
      return { kind: "skipped" };
    }
  } catch (error) {
    log.error({ key, err: error }, "could not start sending the digest; it is sent after its lease ends");
    return { kind: "failed" };
  }
  const result = await sendSafely(deps.adapter, digest.chatId, digest.reply);
  if (!result.ok) log.warn({ key, kind: result.kind, reason: result.reason }, "digest not delivered");
  return recordResult(digest, result, deps);
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
): Promise<SendResult> {
  try {
    return await adapter.send(chatId, reply);
  } catch (error) {
    // Adapters promise not to throw; one that does still must not stop the fan-out.
    return { ok: false, kind: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
