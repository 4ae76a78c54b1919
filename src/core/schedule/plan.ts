import type { Target, TargetKey } from "../target.js";
import { parseTargetKey } from "../target.js";
import type { ScheduledSubscription, Subscription } from "../records.js";
import { computeDue } from "./due.js";

/** A subscription whose digest should go out now. */
export interface DueTarget {
  key: TargetKey;
  target: Target;
  subscription: Subscription;
  localDate: string;
  slotAt: Date;
  late: boolean;
}

/** Who gets what at one instant, before anything is composed or sent. */
export interface DeliveryPlan {
  due: DueTarget[];
  /** Slots that passed beyond the grace window with nothing sent: recorded as skipped. */
  missed: Array<{ key: TargetKey; localDate: string; slotAt: Date }>;
  /** Due, but paused because the platform refused an earlier delivery. */
  paused: Array<{ key: TargetKey; reason: string }>;
  /** Stored subscriptions that cannot be scheduled, with what is wrong. */
  invalid: Array<{ key: TargetKey; reason: string }>;
}

/** Sorts every subscription by what should happen to it at `now`. Pure. */
export function planDeliveries(
  scheduled: readonly ScheduledSubscription[],
  now: Date,
  graceHours: number,
): DeliveryPlan {
  const plan: DeliveryPlan = { due: [], missed: [], paused: [], invalid: [] };
  for (const { key, subscription, lastLocalDate } of scheduled) {
    const target = parseTargetKey(key);
    if (!target) {
      plan.invalid.push({ key, reason: "the key is not platform:user|channel:id, e.g. telegram:user:42" });
      continue;
    }
    // The terminal chat is for trying paperboy out: it has no daily delivery (/picks previews it).
    if (target.platform === "console") continue;
    const due = computeDue(now, subscription, lastLocalDate, { graceHours });
    if (due.status === "invalid") plan.invalid.push({ key, reason: due.reason });
    if (due.status !== "due" && due.status !== "missed") continue;
    if (subscription.paused) plan.paused.push({ key, reason: subscription.paused.reason });
    else if (due.status === "missed") plan.missed.push({ key, localDate: due.localDate, slotAt: due.slotAt });
    else
      plan.due.push({
        key,
        target,
        subscription,
        localDate: due.localDate,
        slotAt: due.slotAt,
        late: due.late,
      });
  }
  return plan;
}
