import type { TargetKey } from "../target.js";
import type { BotState, DeliveryRecord } from "../state/types.js";

/** Delivery records kept per target: a month of daily digests. */
export const MAX_DELIVERIES_PER_TARGET = 30;
/** Paper ids remembered per target as already sent, newest kept. */
export const MAX_SENT_PER_TARGET = 2_000;

/*
 * The rules that make delivery at-most-once. Each function changes a BotState and is meant to run
 * inside one StateStore.update. A record for a local date, whatever its status, means "done for
 * that day"; "sending" is written (and on disk) before the first message goes out, so a crash
 * after it can lose a digest but never send one twice.
 */

export interface Claim {
  localDate: string;
  paperIds: string[];
  at: Date;
  late: boolean;
}

/**
 * Records a digest as going out and adds its papers to the target's sent history. Returns the ids
 * that were new to the history, which `releaseForRetry` takes back.
 */
export function claimDelivery(state: BotState, key: TargetKey, claim: Claim): string[] {
  appendDelivery(state, key, {
    localDate: claim.localDate,
    at: claim.at.toISOString(),
    status: "sending",
    paperIds: [...claim.paperIds],
    sentIds: [],
    ...(claim.late ? { late: true } : {}),
  });
  const sent = (state.sent[key] ??= []);
  const known = new Set(sent);
  const added = claim.paperIds.filter((id) => !known.has(id));
  sent.push(...added);
  if (sent.length > MAX_SENT_PER_TARGET) sent.splice(0, sent.length - MAX_SENT_PER_TARGET);
  return added;
}

/** The platform accepted the digest. */
export function recordSent(state: BotState, key: TargetKey, localDate: string, at: Date): void {
  const record = findRecord(state, key, localDate);
  if (!record) return;
  record.status = "sent";
  record.sentIds = [...record.paperIds];
  record.at = at.toISOString();
}

/** The send failed for good today; its papers stay in the history (they may have reached the chat). */
export function recordFailed(
  state: BotState,
  key: TargetKey,
  localDate: string,
  reason: string,
  at: Date,
): void {
  const record = findRecord(state, key, localDate);
  if (!record) return;
  record.status = "failed";
  record.error = reason;
  record.at = at.toISOString();
}

/**
 * The platform asked us to come back later: forget the claim so a later tick the same day tries
 * again, and take back the paper ids it added to the history.
 */
export function releaseForRetry(
  state: BotState,
  key: TargetKey,
  localDate: string,
  addedIds: string[],
): void {
  const records = state.deliveries[key];
  const index = records?.findIndex((record) => record.localDate === localDate && record.status === "sending");
  if (records && index !== undefined && index >= 0) records.splice(index, 1);
  const sent = state.sent[key];
  if (!sent || addedIds.length === 0) return;
  const taken = new Set(addedIds);
  const kept = sent.filter((id) => !taken.has(id));
  sent.splice(0, sent.length, ...kept);
}

/**
 * Records a day on which nothing was claimed: "skipped" (quiet day, slot missed beyond the grace
 * window) or "failed" (the digest could not even be composed).
 */
export function recordUnsent(
  state: BotState,
  key: TargetKey,
  outcome: { localDate: string; status: "skipped" | "failed"; reason: string; at: Date },
): void {
  if (findRecord(state, key, outcome.localDate)) return;
  appendDelivery(state, key, {
    localDate: outcome.localDate,
    at: outcome.at.toISOString(),
    status: outcome.status,
    paperIds: [],
    sentIds: [],
    error: outcome.reason,
  });
}

/** Whether a claim for `localDate` may still be made: subscribed, not paused, nothing recorded yet. */
export function canClaim(state: Readonly<BotState>, key: TargetKey, localDate: string): boolean {
  const subscription = state.subscriptions[key];
  if (!subscription || subscription.paused) return false;
  return !state.deliveries[key]?.some((record) => record.localDate === localDate);
}

/** The target refused delivery: pause its subscription until its owner runs `/subscribe` again. */
export function pauseSubscription(state: BotState, key: TargetKey, reason: string, at: Date): void {
  const subscription = state.subscriptions[key];
  if (subscription) subscription.paused = { reason, at: at.toISOString() };
}

function appendDelivery(state: BotState, key: TargetKey, record: DeliveryRecord): void {
  const records = (state.deliveries[key] ??= []);
  records.push(record);
  if (records.length > MAX_DELIVERIES_PER_TARGET) {
    records.splice(0, records.length - MAX_DELIVERIES_PER_TARGET);
  }
}

function findRecord(state: BotState, key: TargetKey, localDate: string): DeliveryRecord | undefined {
  return state.deliveries[key]?.findLast((record) => record.localDate === localDate);
}
