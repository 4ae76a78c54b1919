import { readDigestRecords } from "./digest-records.js";
import type { Reply } from "../commands/reply.js";
import type { ComposeDigest, DigestInput, DigestPlan } from "../delivery/digest-port.js";
import type { Logger } from "../log.js";
import type { Delivery } from "../records.js";
import type { NewClaim, Store, UnsentDay } from "../store/port.js";
import type { Target, TargetKey } from "../target.js";
import { parseTargetKey } from "../target.js";
import type { DeliveryOutcome } from "./outcome.js";
import { leaseFrom } from "./lease.js";
import type { DueTarget } from "./plan.js";
import { readStoredReply, sendOptionsOf, withSendOptions } from "./send-options.js";
import type { SendOptions } from "../delivery/port.js";

/** A digest this instance holds a claim on, ready to go out. */
export interface ClaimedDigest {
  key: TargetKey;
  target: Target;
  localDate: string;
  chatId: string;
  reply: Reply;
  late: boolean;
  /** Threads, forum topic: absent for a plain digest. */
  options?: SendOptions;
}

export interface ClaimDeps {
  store: Store;
  compose: ComposeDigest;
  /** This instance's name in the claims it makes. */
  owner: string;
  /** The tick's time: what the digests are composed for. */
  now: Date;
  /** The time of each claim: a long fan-out claims its later batches minutes after the tick. */
  clock: () => Date;
  log: Logger;
}

type Composed = { due: DueTarget; digest: DigestPlan | Error };

/**
 * Composes the digests of `batch` from their records and claims them in one store call, so a large
 * fan-out costs a few calls per batch instead of several per target. Quiet days and compose
 * failures are recorded as such. Only what comes back in `claimed` may be sent: a target claimed
 * by another instance, or changed since the plan, is counted as skipped.
 */
export async function claimBatch(
  batch: readonly DueTarget[],
  deps: ClaimDeps,
): Promise<{ claimed: ClaimedDigest[]; outcomes: DeliveryOutcome[] }> {
  let composed: Composed[];
  let claimedKeys: Set<TargetKey>;
  try {
    composed = await composeBatch(batch, deps);
    const now = deps.clock();
    await deps.store.deliveries.recordUnsent(unsentDays(composed), now);
    claimedKeys = await deps.store.deliveries.claim(claimsOf(composed), leaseFrom(deps.owner, now), now);
  } catch (error) {
    // Nothing claimed is stored, so nothing is sent: a later tick plans these targets again.
    deps.log.error({ err: error, targets: batch.length }, "could not claim the deliveries; not sending them");
    return { claimed: [], outcomes: batch.map(() => ({ kind: "failed" })) };
  }
  const claimed: ClaimedDigest[] = [];
  const outcomes: DeliveryOutcome[] = [];
  for (const { due, digest } of composed) {
    if (digest instanceof Error) outcomes.push({ kind: "failed" });
    else if (!digest.reply || !claimedKeys.has(due.key)) outcomes.push({ kind: "skipped" });
    else claimed.push(claimedDigest(due, digest.reply));
  }
  return { claimed, outcomes };
}

function claimedDigest(due: DueTarget, reply: Reply): ClaimedDigest {
  const digest: ClaimedDigest = { ...due, chatId: due.subscription.chatId, reply };
  const options = sendOptionsOf(due.subscription);
  if (options) digest.options = options;
  return digest;
}

/** A claim taken over from an instance whose lease ended, as a digest to send. */
export function resumedDigest(delivery: Delivery): ClaimedDigest | undefined {
  const target = parseTargetKey(delivery.key);
  if (!target || !delivery.reply || delivery.chatId === undefined) return undefined;
  const { key, localDate, chatId, late } = delivery;
  const { reply, options } = readStoredReply(delivery.reply);
  return { key, target, localDate, chatId, reply, late, ...(options ? { options } : {}) };
}

async function composeBatch(batch: readonly DueTarget[], deps: ClaimDeps): Promise<Composed[]> {
  const records = await readDigestRecords(
    deps.store,
    batch.map((due) => due.key),
    deps.log,
  );
  return batch.map((due) => {
    const input = records.inputOf(due.key, due.subscription);
    return { due, digest: composeSafely(input, due.late, deps) };
  });
}

function unsentDays(composed: readonly Composed[]): UnsentDay[] {
  return composed.flatMap(({ due: { key, localDate }, digest }): UnsentDay[] => {
    if (digest instanceof Error) {
      return [{ key, localDate, status: "failed", reason: `compose failed: ${digest.message}` }];
    }
    return digest.reply ? [] : [{ key, localDate, status: "skipped", reason: "nothing to send today" }];
  });
}

function claimsOf(composed: readonly Composed[]): NewClaim[] {
  return composed.flatMap(({ due, digest }): NewClaim[] => {
    if (digest instanceof Error || !digest.reply) return [];
    const { key, localDate, late, subscription } = due;
    const reply = withSendOptions(digest.reply, sendOptionsOf(subscription));
    return [{ key, localDate, late, papers: digest.papers, reply, chatId: subscription.chatId }];
  });
}

/** The recommender's digest for one target; an exception becomes an Error value, logged. */
export function composeSafely(
  input: DigestInput,
  late: boolean,
  deps: Pick<ClaimDeps, "compose" | "now" | "log">,
): DigestPlan | Error {
  try {
    return deps.compose(input, { now: deps.now, late });
  } catch (error) {
    deps.log.error({ key: input.key, err: error }, "composing the digest failed");
    return error instanceof Error ? error : new Error(String(error));
  }
}
