/** A wall-clock reading in some time zone, to the second. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs far more than using one, and a tick asks about every zone.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows, e.g. `Europe/Paris`. */
export function isValidTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && formatterFor(timeZone) !== null;
}

// A fan-out asks the same few questions for thousands of subscribers; the answers never change.
const CACHE_LIMIT = 10_000;
const localTimes = new Map<string, LocalTime>();
const slotInstants = new Map<string, number>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The wall-clock time in `timeZone` at `instant` (epoch ms). Throws RangeError for an unknown zone. */
export function localTimeAt(instant: number, timeZone: string): LocalTime {
  const key = `${timeZone}|${instant}`;
  const known = localTimes.get(key);
  return known ? { ...known } : { ...remember(localTimes, key, formatLocal(instant, timeZone)) };
}

function formatLocal(instant: number, timeZone: string): LocalTime {
  const formatter = formatterFor(timeZone);
  if (!formatter) {
    throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Paris`);
  }
  const local: LocalTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(instant)) {
    if (part.type in local) local[part.type as keyof LocalTime] = Number(part.value);
  }
  return local;
}

/** A wall-clock reading written as if it were UTC, so wall times can be compared and subtracted. */
function wallMs(local: LocalTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallMs(formatLocal(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `hour`:`minute`.
 *
 * - A time repeated when clocks fall back: its first occurrence.
 * - A time skipped when clocks spring forward: the instant the clocks jump, i.e. right after the gap.
 */
export function instantOfLocal(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const key = `${timeZone}|${date.year}-${date.month}-${date.day}|${hour}:${minute}`;
  return (
    slotInstants.get(key) ?? remember(slotInstants, key, computeInstantOfLocal(date, hour, minute, timeZone))
  );
}

function computeInstantOfLocal(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Any transition near `wall` lies between these two offsets (zones change at most once a day).
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matches = [wall - before, wall - after].filter(
    (instant) => wallMs(formatLocal(instant, timeZone)) === wall,
  );
  if (matches.length > 0) return Math.min(...matches);
  return firstInstantReaching(wall, wall - after, wall - before, timeZone);
}

/** Binary search, to the minute, for the first instant in [low, high] whose wall time is ≥ `wall`. */
function firstInstantReaching(wall: number, low: number, high: number, timeZone: string): number {
  let from = Math.floor(Math.min(low, high) / MINUTE_MS);
  let to = Math.ceil(Math.max(low, high) / MINUTE_MS);
  while (from < to) {
    const middle = Math.floor((from + to) / 2);
    if (wallMs(formatLocal(middle * MINUTE_MS, timeZone)) >= wall) to = middle;
    else from = middle + 1;
  }
  return from * MINUTE_MS;
}

/** A calendar date, free of any zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** `date` moved by `days` (negative: earlier), across month and year ends. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** `YYYY-MM-DD HH:MM`. */
export function formatLocalTime(local: LocalTime): string {
  return `${formatLocalDate(local)} ${pad2(local.hour)}:${pad2(local.minute)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}
