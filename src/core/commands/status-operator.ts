import type { Delivery, ScheduledSubscription } from "../records.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { quote } from "./replies.js";
import { utcTime } from "./status-time.js";

/** How far back an operator's /status looks for failed digests. */
const FAILURE_WINDOW_MS = 24 * 3_600_000;
/** Entries listed per section: a reply stays readable (and within a platform's message size). */
const LISTED = 10;

/** Whether the person is one of the operators ADMIN_IDS names. */
export function isOperator(ctx: CommandContext, env: CommandEnv): boolean {
  return env.admins?.has(`${ctx.platform}:${ctx.userId}`) ?? false;
}

/** For operators: the digests that failed in the last 24 hours, and the paused subscriptions. */
export async function operatorLines(env: CommandEnv, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const [failed, scheduled] = await Promise.all([
    env.store.deliveries.failedSince(since, LISTED + 1),
    env.store.subscriptions.scheduled(),
  ]);
  const paused = scheduled.filter((entry) => entry.subscription.paused);
  return [...failureLines(failed), ...pausedLines(paused)];
}

function failureLines(failed: readonly Delivery[]): string[] {
  if (failed.length === 0) return ["Delivery failures, last 24 h: none."];
  const more = failed.length > LISTED;
  const lines = [`Delivery failures, last 24 h${more ? ` (the newest ${LISTED})` : ` (${failed.length})`}:`];
  for (const record of failed.slice(0, LISTED)) {
    const reason = quote(record.error ?? "no reason recorded", 80);
    lines.push(`• ${record.key}, ${record.localDate}, ${utcTime(record.at)}: ${reason}`);
  }
  return lines;
}

function pausedLines(paused: readonly ScheduledSubscription[]): string[] {
  if (paused.length === 0) return ["Paused digests: none."];
  const newest = [...paused].sort((a, b) => pausedAt(b).localeCompare(pausedAt(a)));
  const lines = [`Paused digests (${paused.length}):`];
  for (const { key, subscription } of newest.slice(0, LISTED)) {
    const reason = quote(subscription.paused?.reason ?? "", 80);
    lines.push(`• ${key}, since ${utcTime(pausedAt({ subscription }))}: ${reason}`);
  }
  if (paused.length > LISTED) lines.push(`… and ${paused.length - LISTED} more.`);
  return lines;
}

function pausedAt(entry: Pick<ScheduledSubscription, "subscription">): string {
  return entry.subscription.paused?.at ?? "";
}
