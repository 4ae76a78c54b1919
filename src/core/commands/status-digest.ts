import type { Delivery, Subscription } from "../records.js";
import { computeDue } from "../schedule/due.js";
import { nextSlotAfter } from "../schedule/next-slot.js";
import { formatLocalTime, localTimeAt } from "../schedule/zoned-time.js";
import type { Target } from "../target.js";
import { targetKey } from "../target.js";
import type { CommandEnv } from "./deps.js";
import { quote } from "./replies.js";
import { span, utcTime } from "./status-time.js";

/**
 * The target's digest: whether there is one, when the next one is planned or why none will come,
 * and what became of the latest one. A channel's, when the command was typed in a channel.
 */
export async function digestLines(target: Target, env: CommandEnv, now: Date): Promise<string[]> {
  const key = targetKey(target);
  const whose = target.kind === "channel" ? "This channel's digest" : "Your digest";
  const [subscription, [latest]] = await Promise.all([
    env.store.subscriptions.get(key),
    env.store.deliveries.recent(key, 1),
  ]);
  const lines = [subscriptionLine(whose, target, subscription, latest, now)];
  if (latest) lines.push(latestLine(latest));
  return lines;
}

function subscriptionLine(
  whose: string,
  target: Target,
  subscription: Subscription | undefined,
  latest: Delivery | undefined,
  now: Date,
): string {
  if (!subscription) return `${whose}: no digest. /subscribe starts one.`;
  if (subscription.paused) {
    const { at, reason } = subscription.paused;
    return `${whose} is paused since ${utcTime(at)}, so nothing is sent: ${quote(reason, 160)}. /subscribe resumes it.`;
  }
  // The terminal chat is for trying paperboy out: no delivery tick sends to it.
  if (target.platform === "console")
    return `${whose}: the terminal chat gets no daily digest; /picks shows today's.`;
  return `${whose}: ${nextText(subscription, latest?.localDate, now)}`;
}

/** When the next digest goes out, in the subscriber's zone; or why it cannot be planned. */
function nextText(subscription: Subscription, lastLocalDate: string | undefined, now: Date): string {
  // The default grace: whether a due digest is still sent is the delivery tick's to decide.
  const due = computeDue(now, subscription, lastLocalDate);
  if (due.status === "invalid") return `cannot be scheduled: ${due.reason}. /subscribe sets it again.`;
  if (due.status === "due") return `the one for ${due.localDate} is due now and goes out within a minute.`;
  const next = nextSlotAfter(now, subscription, lastLocalDate);
  if (!next) return "no delivery day ahead. /subscribe sets it again.";
  const local = formatLocalTime(localTimeAt(next.at.getTime(), subscription.timezone));
  return `next ${local} ${subscription.timezone} (in ${span(now.getTime(), next.at.getTime())}).`;
}

function latestLine(latest: Delivery): string {
  const day = `Last digest: ${latest.localDate}`;
  switch (latest.status) {
    case "sent":
      return `${day}, sent ${utcTime(latest.at)}.`;
    case "skipped":
      return `${day}, nothing sent: ${quote(latest.error ?? "skipped", 160)}.`;
    case "failed":
      return `${day}, failed: ${quote(latest.error ?? "no reason recorded", 160)}.`;
    default:
      return `${day}, being sent now.`;
  }
}
