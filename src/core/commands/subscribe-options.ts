import type { DeliveryDays } from "../records.js";
import { MAX_PICKS, MIN_PICKS } from "../recommender/picks.js";
import { parseSlotTime } from "../schedule/slot-time.js";
import { quote } from "./replies.js";
import { canonicalTimeZone, suggestTimeZone } from "./time-zone.js";

export const SUBSCRIBE_USAGE =
  "subscribe [time HH:MM] [tz Area/City] [count N] [days daily|weekdays] [note on|off] [threads on|off]";

export interface SubscribeOptions {
  time?: string;
  timezone?: string;
  count?: number;
  days?: DeliveryDays;
  /** Whether a short note is sent on days with nothing new to pick. */
  quietNote?: boolean;
  /** Whether each paper goes out as its own message, with a discussion thread where possible. */
  threads?: boolean;
}

type Parsed = { ok: true; options: SubscribeOptions } | { ok: false; message: string };

const KEYS = ["time", "tz", "count", "days", "note", "threads"] as const;
type Key = (typeof KEYS)[number];

/** Parses `time 07:30 tz Europe/Paris count 3 days weekdays note off`: keyword–value pairs in any order. */
export function parseSubscribeOptions(args: string): Parsed {
  const words = args.split(/\s+/).filter((word) => word.length > 0);
  const options: SubscribeOptions = {};
  const seen = new Set<Key>();
  for (let i = 0; i < words.length; i += 2) {
    const keyword = (words[i] ?? "").toLowerCase();
    const value = words[i + 1];
    if (!isKey(keyword)) return fail(`${quote(words[i] ?? "")} is not an option.`);
    if (value === undefined) return fail(`${keyword} needs a value.`);
    if (seen.has(keyword)) return fail(`${keyword} is given twice.`);
    seen.add(keyword);
    const problem = applyOption(options, keyword, value);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, options };
}

function applyOption(options: SubscribeOptions, key: Key, value: string): string | undefined {
  switch (key) {
    case "time": {
      const time = parseTime(value);
      if (!time)
        return `${quote(value)} is not a time. Use HH:MM in 24-hour form, e.g. time 08:00 or time 18:30.`;
      options.time = time;
      return undefined;
    }
    case "tz": {
      const zone = canonicalTimeZone(value);
      if (!zone) return unknownZone(value);
      options.timezone = zone;
      return undefined;
    }
    case "count": {
      const count = Number(value);
      if (!/^\d+$/.test(value) || count < MIN_PICKS || count > MAX_PICKS) {
        return `count is the number of papers per digest, from ${MIN_PICKS} to ${MAX_PICKS}, not ${quote(value)}. E.g. count 5.`;
      }
      options.count = count;
      return undefined;
    }
    case "days": {
      const days = value.toLowerCase();
      if (days !== "daily" && days !== "weekdays") return `days is daily or weekdays, not ${quote(value)}.`;
      options.days = days;
      return undefined;
    }
    case "note": {
      const note = value.toLowerCase();
      if (note !== "on" && note !== "off") {
        return `note is on or off (a short message on days with no new papers), not ${quote(value)}. E.g. note off.`;
      }
      options.quietNote = note === "on";
      return undefined;
    }
    case "threads": {
      const threads = value.toLowerCase();
      if (threads !== "on" && threads !== "off") {
        return `threads is on or off (each paper as its own message, with a thread to discuss it), not ${quote(value)}. E.g. threads on.`;
      }
      options.threads = threads === "on";
      return undefined;
    }
  }
}

/** `8:05` → `08:05`; undefined unless it is a real 24-hour time. */
export function parseTime(text: string): string | undefined {
  const trimmed = text.trim();
  // A single-digit hour is a friendly shorthand; the stored form is always HH:MM.
  const padded = /^\d:/.test(trimmed) ? `0${trimmed}` : trimmed;
  return parseSlotTime(padded) ? padded : undefined;
}

function unknownZone(value: string): string {
  const suggestion = suggestTimeZone(value);
  const hint = suggestion ? ` Did you mean ${suggestion}?` : "";
  return `${quote(value)} is not a time zone I know.${hint} Use an IANA name (Area/City), e.g. tz Europe/Paris or tz America/New_York.`;
}

function isKey(word: string): word is Key {
  return (KEYS as readonly string[]).includes(word);
}

function fail(message: string): Parsed {
  return {
    ok: false,
    message: `${message} Use /${SUBSCRIBE_USAGE}, e.g. /subscribe time 07:30 tz Europe/Paris count 5`,
  };
}
