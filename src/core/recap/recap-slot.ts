import { WEEKDAYS, type Subscription, type WeeklyRecap } from "../records.js";
import { parseSlotTime, type SlotTime } from "../schedule/slot-time.js";
import {
  addDays,
  dayOfWeek,
  instantOfLocal,
  isValidTimeZone,
  type LocalDate,
  localTimeAt,
} from "../schedule/zoned-time.js";

/** How long after its slot a recap is still sent (after downtime), like a digest's grace window. */
export const RECAP_GRACE_HOURS = 6;
const HOUR_MS = 3_600_000;

/** One week's recap slot in the subscription's zone. */
export interface RecapSlot {
  /** The ISO week of the slot's local date, `2026-W49`. */
  week: string;
  /**
   * The slot a week before (same local day and time): the recap counts the votes and saves made
   * from then until `at`.
   */
  weekStart: Date;
  /** When the recap is due. */
  at: Date;
}

/**
 * The latest recap slot at or before `now` (this week's, or last week's when this week's has not
 * come yet). Undefined when the time is not `HH:MM` or the zone is not one the runtime knows.
 */
export function latestRecapSlot(
  now: Date,
  recap: Pick<WeeklyRecap, "day" | "time">,
  timezone: string,
): RecapSlot | undefined {
  const time = parseSlotTime(recap.time);
  if (!time || !isValidTimeZone(timezone)) return undefined;
  const today = localTimeAt(now.getTime(), timezone);
  // dayOfWeek counts from Sunday (0); WEEKDAYS from Monday.
  const wanted = (WEEKDAYS.indexOf(recap.day) + 1) % 7;
  const day = addDays(today, -((dayOfWeek(today) - wanted + 7) % 7));
  const slot = slotOn(day, time, timezone);
  return slot.at.getTime() <= now.getTime() ? slot : slotOn(addDays(day, -7), time, timezone);
}

/**
 * The first slot after `now` in a week later than `recap.lastWeek`: when the next recap goes out
 * (a slot that is due but not yet sent aside). Undefined when the time or zone is not valid.
 */
export function nextRecapSlot(now: Date, recap: WeeklyRecap, timezone: string): RecapSlot | undefined {
  const time = parseSlotTime(recap.time);
  const latest = latestRecapSlot(now, recap, timezone);
  if (!latest || !time) return undefined;
  const day = localTimeAt(latest.at.getTime(), timezone);
  // The week recorded as done is at most the latest slot's, so one of the next two slots is later.
  for (const weeks of [1, 2]) {
    const slot = slotOn(addDays(day, 7 * weeks), time, timezone);
    if (recap.lastWeek === undefined || recap.lastWeek < slot.week) return slot;
  }
  return undefined;
}

/**
 * The slot whose recap should go out at `now`: the latest slot, if it is at most `graceHours` old
 * and its week has not had its recap (`lastWeek`). Undefined for a subscription without a recap,
 * a paused one, or one whose recap time or zone cannot be scheduled.
 */
export function dueRecapSlot(
  now: Date,
  subscription: Subscription,
  graceHours = RECAP_GRACE_HOURS,
): RecapSlot | undefined {
  const recap = subscription.recap;
  if (!recap || subscription.paused) return undefined;
  const slot = latestRecapSlot(now, recap, subscription.timezone);
  if (!slot) return undefined;
  // `YYYY-Www` compares as text; a later week recorded (the zone moved east) also means done.
  if (recap.lastWeek !== undefined && recap.lastWeek >= slot.week) return undefined;
  if (now.getTime() - slot.at.getTime() > graceHours * HOUR_MS) return undefined;
  return slot;
}

/** `2026-W49`: ISO 8601 weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(date, 3 - mondayIndex(date));
  const firstOfYear = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - firstOfYear) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The slot on `date`. Its week runs from the same weekday and time a week before (local time, so a
 * clock change does not shift it): every vote and save falls in exactly one recap.
 */
function slotOn(date: LocalDate, time: SlotTime, timezone: string): RecapSlot {
  return {
    week: isoWeek(date),
    weekStart: new Date(instantOfLocal(addDays(date, -7), time.hour, time.minute, timezone)),
    at: new Date(instantOfLocal(date, time.hour, time.minute, timezone)),
  };
}

/** 0 = Monday … 6 = Sunday. */
function mondayIndex(date: LocalDate): number {
  return (dayOfWeek(date) + 6) % 7;
}
