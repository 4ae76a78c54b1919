import type { Platform } from "../target.js";
import type { ComposeDigest } from "../delivery/digest-port.js";
import type { DeliveryAdapter } from "../delivery/port.js";
import type { Logger } from "../log.js";
import type { StateStore } from "../state/state-store.js";
import { recordUnsent } from "./delivery-log.js";
import type { DeliveryOutcome, PlannedDigest } from "./outcome.js";
import { previewDeliveries } from "./preview.js";
import type { PausedNotice } from "./paused-notice.js";
import type { DeliveryPlan, DueTarget } from "./plan.js";
import { planDeliveries } from "./plan.js";
import { deliverPlatform } from "./platform-delivery.js";
import type { RateLimiter } from "./rate-limit.js";
import { unlimited } from "./rate-limit.js";

/** Sends in flight per platform: enough to keep the rate limit busy, few enough to stay polite. */
export const DEFAULT_CONCURRENCY = 32;
/**
 * Deliveries are claimed (written as "sending") in batches covering about this many seconds of the
 * platform's rate: one write per batch keeps a large fan-out fast, and a crash loses at most the
 * digests claimed but not yet sent, never sends one twice.
 */
export const CLAIM_AHEAD_SECONDS = 2;
export const MAX_CLAIM_BATCH = 5_000;

export interface FanOutDeps {
  state: StateStore;
  compose: ComposeDigest;
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
  /** One per platform; a platform without one is not paced. */
  limiters: Partial<Record<Platform, RateLimiter>>;
  now: Date;
  graceHours: number;
  log: Logger;
  /** Compose only: nothing is sent or recorded, `planned` lists what would go out. */
  dryRun?: boolean;
  /** Sends in flight per platform (default 32). */
  concurrency?: number;
}

export interface FanOutSummary {
  /** Subscriptions whose digest was due at `now` (paused ones excluded). */
  due: number;
  sent: number;
  /** Nothing to send, slot missed beyond the grace window, platform not configured, or not schedulable. */
  skipped: number;
  /** Due but paused, including those paused by this run. */
  paused: number;
  failed: number;
  /** Sent late: caught up after the slot was missed. */
  late: number;
  /** Refused for now (rate limit, outage): tried again on a later tick today. */
  retry: number;
  /** Paused by this run; the caller tells the owners it can reach (see pausedNoticeReply). */
  newlyPaused: PausedNotice[];
  /** Dry run only: the digests that would be sent. */
  planned: PlannedDigest[];
}

/**
 * Delivers every digest due at `deps.now`, once. Computes who is due, records slots missed beyond
 * the grace window, then per platform (in parallel) composes and claims a batch on disk, and sends
 * it through the platform's rate limiter with bounded concurrency, so one slow or failing target
 * never holds up the others. Resolves once every result is recorded; never throws for a target.
 *
 * @example
 * const summary = await runDueDeliveries({ state, compose, adapters, limiters: platformLimiters(),
 *   now: new Date(), graceHours: 6, log });
 */
export async function runDueDeliveries(deps: FanOutDeps): Promise<FanOutSummary> {
  if (deps.dryRun) return dryRunSummary(deps);
  const plan = planDeliveries(deps.state.state, deps.now, deps.graceHours);
  const summary = emptySummary(plan);
  for (const { key, reason } of plan.invalid) {
    deps.log.warn({ key, reason }, "subscription cannot be scheduled");
  }
  await recordMissed(deps, plan.missed);
  await Promise.all(
    [...groupByPlatform(plan.due)].map(([platform, targets]) =>
      deliverToPlatform(platform, targets, deps, summary),
    ),
  );
  if (summary.due + summary.skipped + summary.paused > 0) {
    deps.log.debug(countsOf(summary), "digest fan-out done");
  }
  return summary;
}

async function deliverToPlatform(
  platform: Platform,
  targets: DueTarget[],
  deps: FanOutDeps,
  summary: FanOutSummary,
): Promise<void> {
  const adapter = deps.adapters[platform];
  if (!adapter) {
    summary.skipped += targets.length;
    deps.log.warn({ platform, targets: targets.length }, `${platform} is not configured: its digests wait`);
    return;
  }
  const limiter = deps.limiters[platform] ?? unlimited;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  await deliverPlatform({
    ...deps,
    targets,
    adapter,
    limiter,
    concurrency,
    batchSize: claimBatchSize(limiter, concurrency),
    onOutcome: (outcome) => count(summary, outcome),
  });
}

function claimBatchSize(limiter: RateLimiter, concurrency: number): number {
  const ahead = Math.ceil(limiter.ratePerSecond * CLAIM_AHEAD_SECONDS);
  return Math.min(MAX_CLAIM_BATCH, Math.max(concurrency, Number.isFinite(ahead) ? ahead : MAX_CLAIM_BATCH));
}

async function recordMissed(deps: FanOutDeps, missed: DeliveryPlan["missed"]): Promise<void> {
  if (missed.length === 0) return;
  const reason = `missed: more than ${deps.graceHours} h past the slot`;
  try {
    await deps.state.update((state) => {
      for (const { key, localDate } of missed) {
        recordUnsent(state, key, { localDate, status: "skipped", reason, at: deps.now });
      }
    });
    deps.log.info(
      { targets: missed.length, first: missed[0]?.key },
      "digests skipped: slot beyond the grace window",
    );
  } catch (error) {
    deps.log.error({ err: error }, "could not record missed digests");
  }
}

function dryRunSummary(deps: FanOutDeps): FanOutSummary {
  const preview = previewDeliveries({ ...deps, state: deps.state.state });
  const summary = emptySummary(preview.plan);
  summary.failed = preview.failures.length;
  summary.planned = preview.digests;
  return summary;
}

function groupByPlatform(targets: DueTarget[]): Map<Platform, DueTarget[]> {
  const groups = new Map<Platform, DueTarget[]>();
  for (const due of targets) {
    const group = groups.get(due.target.platform);
    if (group) group.push(due);
    else groups.set(due.target.platform, [due]);
  }
  return groups;
}

function emptySummary(plan: DeliveryPlan): FanOutSummary {
  const skipped = plan.missed.length + plan.invalid.length;
  const counts = {
    due: plan.due.length,
    sent: 0,
    skipped,
    paused: plan.paused.length,
    failed: 0,
    late: 0,
    retry: 0,
  };
  return { ...counts, newlyPaused: [], planned: [] };
}

function count(summary: FanOutSummary, outcome: DeliveryOutcome): void {
  switch (outcome.kind) {
    case "sent":
      summary.sent += 1;
      if (outcome.late) summary.late += 1;
      return;
    case "gone":
      summary.paused += 1;
      summary.newlyPaused.push(outcome.notice);
      return;
    default:
      summary[outcome.kind] += 1;
  }
}

function countsOf(summary: FanOutSummary): Omit<FanOutSummary, "newlyPaused" | "planned"> {
  const { newlyPaused: _paused, planned: _planned, ...counts } = summary;
  return counts;
}
