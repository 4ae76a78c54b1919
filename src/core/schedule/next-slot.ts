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

/** Far enough ahead to reach a delivery day of any schedule, after a day already done. */
const LOOKAHEAD_DAYS = 9;

/** A planned digest: its local date and the instant its slot comes. */
export interface NextSlot {
  localDate: string;
  at: Date;
}

/**
 * When the subscription's next digest is planned: the first slot later than `now`, on one of its
 * delivery days in its zone, whose local date comes after `lastLocalDate` (the latest day with a
 * delivery record: that day is done). Undefined when its time or zone cannot be scheduled.
 * A slot that passed without a digest is computeDue's to answer, not this.
 */
export function nextSlotAfter(
  now: Date,
  subscription: Subscription,
  lastLocalDate: string | undefined,
): NextSlot | undefined {
  const slot = parseSlotTime(subscription.time);
  if (!slot || !isValidTimeZone(subscription.timezone)) return undefined;
  const today = localTimeAt(now.getTime(), subscription.timezone);
  for (let ahead = 0; ahead <= LOOKAHEAD_DAYS; ahead++) {
    const date = addDays(today, ahead);
    const localDate = formatLocalDate(date);
    if (!deliversOn(subscription, date)) continue;
    if (lastLocalDate !== undefined && localDate <= lastLocalDate) continue;
    const at = instantOfLocal(date, slot.hour, slot.minute, subscription.timezone);
    if (at > now.getTime()) return { localDate, at: new Date(at) };
  }
  return undefined;
}

function deliversOn(subscription: Subscription, date: LocalDate): boolean {
  if (subscription.days !== "weekdays") return true;
  const weekday = dayOfWeek(date);
  return weekday >= 1 && weekday <= 5;
}
