import type { TargetKey } from "../target.js";
import type { Reply } from "../commands/reply.js";
import type { ComposeDigest, DigestPlan } from "../delivery/digest-port.js";
import type { Logger } from "../log.js";
import type { StateStore } from "../state/state-store.js";
import type { BotState } from "../state/types.js";
import { canClaim, claimDelivery, recordUnsent, releaseForRetry } from "./delivery-log.js";
import type { DeliveryOutcome } from "./outcome.js";
import type { DueTarget } from "./plan.js";

/** A digest recorded as "sending" (on disk), ready to go out. */
export interface ClaimedDigest {
  due: DueTarget;
  reply: Reply;
  /** Paper ids the claim added to the target's sent history. */
  added: string[];
}

export interface ClaimDeps {
  state: StateStore;
  compose: ComposeDigest;
  now: Date;
  log: Logger;
}

type Composed = { due: DueTarget; digest: DigestPlan | Error };
type Claimed = { key: TargetKey; localDate: string; added: string[] };
type Decision = { kind: "claimed"; added: string[] } | { kind: "skipped" | "failed" };

/**
 * Composes the digests of `batch` and claims them in one write, so a large fan-out costs one write
 * per batch instead of one per target. Quiet days and compose failures are recorded in the same
 * write. Only what comes back in `claimed` may be sent.
 */
export async function claimBatch(
  batch: readonly DueTarget[],
  deps: ClaimDeps,
): Promise<{ claimed: ClaimedDigest[]; outcomes: DeliveryOutcome[] }> {
  const composed = batch.map((due): Composed => ({ due, digest: composeSafely(due, deps) }));
  let decisions: Decision[];
  let claims: Claimed[] = [];
  try {
    decisions = await deps.state.update((state) => {
      const made = composed.map((item) => decide(state, item, deps.now));
      claims = claimsOf(composed, made);
      return made;
    });
  } catch (error) {
    // Claims that stay in memory only are never sent: at most once holds even if the disk fails.
    deps.log.error(
      { err: error, targets: batch.length },
      "could not record the deliveries; not sending them",
    );
    await releaseClaims(claims, deps);
    return { claimed: [], outcomes: batch.map(() => ({ kind: "failed" })) };
  }
  const claimed: ClaimedDigest[] = [];
  const outcomes: DeliveryOutcome[] = [];
  decisions.forEach((decision, index) => {
    const { due, digest } = composed[index] as Composed;
    if (decision.kind !== "claimed") outcomes.push({ kind: decision.kind });
    else if (!(digest instanceof Error) && digest.reply)
      claimed.push({ due, reply: digest.reply, added: decision.added });
  });
  return { claimed, outcomes };
}

function claimsOf(composed: readonly Composed[], decisions: readonly Decision[]): Claimed[] {
  return decisions.flatMap((decision, index) => {
    const due = (composed[index] as Composed).due;
    return decision.kind === "claimed"
      ? [{ key: due.key, localDate: due.localDate, added: decision.added }]
      : [];
  });
}

/**
 * Takes back claims whose write failed, so they neither reach disk with the next write nor keep
 * the targets from a later tick the same day. If this write fails too, the release still holds in
 * memory, which is all a later tick needs.
 */
async function releaseClaims(claims: readonly Claimed[], deps: ClaimDeps): Promise<void> {
  if (claims.length === 0) return;
  try {
    await deps.state.update((state) => {
      for (const { key, localDate, added } of claims) releaseForRetry(state, key, localDate, added);
    });
  } catch (error) {
    deps.log.warn({ err: error, targets: claims.length }, "could not record the release of unsent claims");
  }
}

function decide(state: BotState, { due, digest }: Composed, now: Date): Decision {
  const { key, localDate } = due;
  // A command may have unsubscribed or paused the target since the plan was made.
  if (!canClaim(state, key, localDate)) return { kind: "skipped" };
  if (digest instanceof Error) {
    recordUnsent(state, key, {
      localDate,
      status: "failed",
      reason: `compose failed: ${digest.message}`,
      at: now,
    });
    return { kind: "failed" };
  }
  if (!digest.reply) {
    recordUnsent(state, key, { localDate, status: "skipped", reason: "nothing to send today", at: now });
    return { kind: "skipped" };
  }
  const added = claimDelivery(state, key, { localDate, paperIds: digest.paperIds, at: now, late: due.late });
  return { kind: "claimed", added };
}

/** The recommender's digest for one target; an exception becomes an Error value, logged. */
export function composeSafely(
  due: DueTarget,
  deps: Pick<ClaimDeps, "compose" | "now" | "log">,
): DigestPlan | Error {
  try {
    return deps.compose(due.key, due.subscription, { now: deps.now, late: due.late });
  } catch (error) {
    deps.log.error({ key: due.key, err: error }, "composing the digest failed");
    return error instanceof Error ? error : new Error(String(error));
  }
}
