import type { Subscription } from "../records.js";
import { parseSlotTime } from "./slot-time.js";
import type { LocalDate } from "./zoned-time.js";
import {
  addDays,
  dayOfWeek,
  formatLocalDate,
  instantOfLocal,
  isValidTimeZone,
  localTimeAt,
} from "./zoned-time.js";

export const DEFAULT_GRACE_HOURS = 6;
/** A digest sent more than this after its slot says it is late. */
export const ON_TIME_MS = 60_000;
const HOUR_MS = 3_600_000;
// Far enough back to find the previous delivery day of any schedule (weekdays: Friday from Monday).
const LOOKBACK_DAYS = 7;

/** Where a subscription stands at one instant. */
export type DueStatus =
  /** Deliver now; `late` when more than a minute past the slot (a catch-up after downtime). */
  | { status: "due"; localDate: string; slotAt: Date; late: boolean }
  /** Nothing to do: today's digest went out, or the next slot has not come. */
  | { status: "waiting"; localDate?: string }
  /** The latest slot passed more than the grace window ago without a delivery. */
  | { status: "missed"; localDate: string; slotAt: Date }
  /** The stored subscription cannot be scheduled; `reason` names the valid form. */
  | { status: "invalid"; reason: string };

export interface DueOptions {
  /** How long after its slot a missed digest is still sent (default 6). */
  graceHours?: number;
}

/**
 * Whether `subscription` should be delivered at `now`. Looks at the latest slot that has passed on a
 * delivery day in the subscriber's zone: due if no digest is recorded for that local date or a
 * later one (`lastLocalDate`, the latest recorded) and the slot is at most `graceHours` old. Slots
 * before the subscription was created are never due.
 *
 * @example
 * computeDue(new Date("2026-06-01T06:00:00Z"), { time: "08:00", timezone: "Europe/Paris", … }, undefined)
 * // → { status: "due", localDate: "2026-06-01", late: false, … }
 */
export function computeDue(
  now: Date,
  subscription: Subscription,
  lastLocalDate: string | undefined,
  options: DueOptions = {},
): DueStatus {
  const slot = parseSlotTime(subscription.time);
  if (!slot) {
    return { status: "invalid", reason: `time "${subscription.time}" is not HH:MM (24 h), e.g. 08:00` };
  }
  if (!isValidTimeZone(subscription.timezone)) {
    return {
      status: "invalid",
      reason: `time zone "${subscription.timezone}" is not an IANA name, e.g. Europe/Paris`,
    };
  }
  const latest = latestSlot(now.getTime(), subscription, slot.hour, slot.minute);
  if (!latest) return { status: "waiting" };
  const localDate = formatLocalDate(latest.date);
  const slotAt = new Date(latest.at);
  // YYYY-MM-DD compares as text; a later recorded date (the zone moved east) also means done.
  if (lastLocalDate !== undefined && lastLocalDate >= localDate) return { status: "waiting", localDate };
  const createdAt = Date.parse(subscription.createdAt);
  if (Number.isFinite(createdAt) && latest.at < createdAt) return { status: "waiting", localDate };
  const lateBy = now.getTime() - latest.at;
  if (lateBy > graceMs(options.graceHours)) return { status: "missed", localDate, slotAt };
  return { status: "due", localDate, slotAt, late: lateBy > ON_TIME_MS };
}

/** The most recent slot at or before `now` on one of the subscription's delivery days. */
function latestSlot(
  now: number,
  subscription: Subscription,
  hour: number,
  minute: number,
): { date: LocalDate; at: number } | undefined {
  const today = localTimeAt(now, subscription.timezone);
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const date = addDays(today, -back);
    if (!deliversOn(subscription, date)) continue;
    const at = instantOfLocal(date, hour, minute, subscription.timezone);
    if (at <= now) return { date, at };
  }
  return undefined;
}

function deliversOn(subscription: Subscription, date: LocalDate): boolean {
  if (subscription.days !== "weekdays") return true;
  const weekday = dayOfWeek(date);
  return weekday >= 1 && weekday <= 5;
}

function graceMs(graceHours: number | undefined): number {
  const hours = graceHours ?? DEFAULT_GRACE_HOURS;
  return Number.isFinite(hours) && hours >= 0 ? hours * HOUR_MS : DEFAULT_GRACE_HOURS * HOUR_MS;
}
