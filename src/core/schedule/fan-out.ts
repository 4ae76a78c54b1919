import type { Platform, TargetKey } from "../target.js";
import { parseTargetKey } from "../target.js";
import type { ComposeDigest } from "../delivery/digest-port.js";
import type { DeliveryAdapter } from "../delivery/port.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/port.js";
import type { ClaimedDigest } from "./claim-batch.js";
import { resumedDigest } from "./claim-batch.js";
import { leaseFrom } from "./lease.js";
import type { DeliveryOutcome, PlannedDigest } from "./outcome.js";
import { previewDeliveries } from "./preview.js";
import type { PausedNotice } from "./paused-notice.js";
import type { DeliveryPlan, DueTarget } from "./plan.js";
import { planDeliveries } from "./plan.js";
import { deliverPlatform } from "./platform-delivery.js";
import type { RateLimiter } from "./rate-limit.js";
import { unlimited } from "./rate-limit.js";
import type { StopSignals } from "./stop-signals.js";

/** Sends in flight per platform: enough to keep the rate limit busy, few enough to stay polite. */
export const DEFAULT_CONCURRENCY = 32;
/**
 * Deliveries are claimed in batches covering about this many seconds of the platform's rate: one
 * store call per batch keeps a large fan-out fast, and claims left by a crash are taken over by
 * the next tick after their lease, never sent twice.
 */
export const CLAIM_AHEAD_SECONDS = 2;
/**
 * The most digests claimed per store call, however fast the platform: small enough that instances
 * sharing a store each claim a share of a large fan-out (with 5,000, one often claimed all 10,000)
 * and the first sends start sooner; large enough that claiming stays a small part of the work.
 */
export const MAX_CLAIM_BATCH = 500;

export interface FanOutDeps {
  store: Store;
  /** This instance's name in the claims it holds, unique among the instances sharing the store. */
  owner: string;
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
  /** The time of each send (default: the real clock); `now` is the tick's. */
  clock?: () => Date;
  /**
   * The process shutting down: nothing new is claimed or sent, claimed digests are released, and
   * a send still under way at `cutoff` is recorded failed. Already stopping: nothing is done.
   */
  stop?: StopSignals;
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
  /** Claims taken over from an instance whose lease ended (counted in sent, failed…, not in due). */
  resumed: number;
  /** Paused by this run; the caller tells the owners it can reach (see pausedNoticeReply). */
  newlyPaused: PausedNotice[];
  /** Dry run only: the digests that would be sent. */
  planned: PlannedDigest[];
  /**
   * The same counts (but `resumed`) per platform, for the metrics. A stored key that names no
   * platform counts in `skipped` above only.
   */
  platforms: Partial<Record<Platform, PlatformCounts>>;
}

/** One platform's share of a fan-out, counted as in FanOutSummary (`sent` includes `late`). */
export interface PlatformCounts {
  due: number;
  sent: number;
  late: number;
  failed: number;
  skipped: number;
  paused: number;
  retry: number;
}

/**
 * Delivers every digest due at `deps.now`, once across every instance sharing the store. Takes
 * over claims whose holder stopped, computes who is due, records slots missed beyond the grace
 * window, then per platform (in parallel) composes and claims a batch in the store, and sends it
 * through the platform's rate limiter with bounded concurrency, so one slow or failing target
 * never holds up the others. Resolves once every result is recorded; never throws for a target.
 *
 * @example
 * const summary = await runDueDeliveries({ store, owner, compose, adapters,
 *   limiters: platformLimiters(), now: new Date(), graceHours: 6, log });
 */
export async function runDueDeliveries(deps: FanOutDeps): Promise<FanOutSummary> {
  if (deps.dryRun) return dryRunSummary(deps);
  if (deps.stop?.stopping.aborted) return emptySummary({ due: [], missed: [], invalid: [], paused: [] });
  const resumed = await takeOver(deps);
  const plan = planDeliveries(await deps.store.subscriptions.scheduled(), deps.now, deps.graceHours);
  const summary = emptySummary(plan);
  summary.resumed = resumed.length;
  for (const { key, reason } of plan.invalid) {
    deps.log.warn({ key, reason }, "subscription cannot be scheduled");
  }
  await recordMissed(deps, plan.missed);
  const due = groupByPlatform(plan.due, (item) => item.target.platform);
  const taken = groupByPlatform(resumed, (item) => item.target.platform);
  const platforms = new Set([...due.keys(), ...taken.keys()]);
  await Promise.all(
    [...platforms].map((platform) =>
      deliverToPlatform(platform, due.get(platform) ?? [], taken.get(platform) ?? [], deps, summary),
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
  resumed: ClaimedDigest[],
  deps: FanOutDeps,
  summary: FanOutSummary,
): Promise<void> {
  const adapter = deps.adapters[platform];
  if (!adapter) {
    // Resumed claims wait too: another instance with this platform takes them when their lease ends.
    summary.skipped += targets.length;
    countsFor(summary, platform).skipped += targets.length;
    deps.log.warn({ platform, targets: targets.length }, `${platform} is not configured: its digests wait`);
    return;
  }
  const limiter = deps.limiters[platform] ?? unlimited;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  await deliverPlatform({
    ...deps,
    clock: deps.clock ?? (() => new Date()),
    targets,
    resumed,
    adapter,
    limiter,
    concurrency,
    batchSize: claimBatchSize(limiter, concurrency),
    onOutcome: (outcome) => count(summary, platform, outcome),
  });
}

function claimBatchSize(limiter: RateLimiter, concurrency: number): number {
  const ahead = Math.ceil(limiter.ratePerSecond * CLAIM_AHEAD_SECONDS);
  return Math.min(MAX_CLAIM_BATCH, Math.max(concurrency, Number.isFinite(ahead) ? ahead : MAX_CLAIM_BATCH));
}

/** Claims whose holder's lease ended: sent now by this instance (or failed, if caught mid-send). */
async function takeOver(deps: FanOutDeps): Promise<ClaimedDigest[]> {
  try {
    const taken = await deps.store.deliveries.takeOver(leaseFrom(deps.owner, deps.now), deps.now);
    if (taken.length > 0) deps.log.info({ digests: taken.length }, "taking over unfinished digests");
    return taken.flatMap((delivery) => resumedDigest(delivery) ?? []);
  } catch (error) {
    deps.log.error({ err: error }, "could not take over unfinished digests; trying again next tick");
    return [];
  }
}

async function recordMissed(deps: FanOutDeps, missed: DeliveryPlan["missed"]): Promise<void> {
  if (missed.length === 0) return;
  const reason = `missed: more than ${deps.graceHours} h past the slot`;
  try {
    const days = missed.map(({ key, localDate }) => ({ key, localDate, status: "skipped" as const, reason }));
    await deps.store.deliveries.recordUnsent(days, deps.now);
    deps.log.info(
      { targets: missed.length, first: missed[0]?.key },
      "digests skipped: slot beyond the grace window",
    );
  } catch (error) {
    deps.log.error({ err: error }, "could not record missed digests");
  }
}

async function dryRunSummary(deps: FanOutDeps): Promise<FanOutSummary> {
  const preview = await previewDeliveries(deps);
  const summary = emptySummary(preview.plan);
  summary.failed = preview.failures.length;
  summary.planned = preview.digests;
  return summary;
}

function groupByPlatform<T>(items: readonly T[], platformOf: (item: T) => Platform): Map<Platform, T[]> {
  const groups = new Map<Platform, T[]>();
  for (const item of items) {
    const group = groups.get(platformOf(item));
    if (group) group.push(item);
    else groups.set(platformOf(item), [item]);
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
    resumed: 0,
  };
  const summary: FanOutSummary = { ...counts, newlyPaused: [], planned: [], platforms: {} };
  for (const { target } of plan.due) countsFor(summary, target.platform).due += 1;
  for (const { key } of [...plan.missed, ...plan.invalid]) countByKey(summary, key, "skipped");
  for (const { key } of plan.paused) countByKey(summary, key, "paused");
  return summary;
}

function countsFor(summary: FanOutSummary, platform: Platform): PlatformCounts {
  const known = summary.platforms[platform];
  if (known) return known;
  const counts = { due: 0, sent: 0, late: 0, failed: 0, skipped: 0, paused: 0, retry: 0 };
  summary.platforms[platform] = counts;
  return counts;
}

function countByKey(summary: FanOutSummary, key: TargetKey, field: "skipped" | "paused"): void {
  const platform = parseTargetKey(key)?.platform;
  if (platform) countsFor(summary, platform)[field] += 1;
}

function count(summary: FanOutSummary, platform: Platform, outcome: DeliveryOutcome): void {
  const counts = countsFor(summary, platform);
  switch (outcome.kind) {
    case "sent":
      summary.sent += 1;
      counts.sent += 1;
      if (outcome.late) {
        summary.late += 1;
        counts.late += 1;
      }
      return;
    case "gone":
      summary.paused += 1;
      counts.paused += 1;
      summary.newlyPaused.push(outcome.notice);
      return;
    default:
      summary[outcome.kind] += 1;
      counts[outcome.kind] += 1;
  }
}

function countsOf(summary: FanOutSummary): Omit<FanOutSummary, "newlyPaused" | "planned" | "platforms"> {
  const { newlyPaused: _paused, planned: _planned, platforms: _platforms, ...counts } = summary;
  return counts;
}
