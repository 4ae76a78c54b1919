import type { DeliveryDays } from "../state/types.js";
import { MAX_PICKS, MIN_PICKS } from "../recommender/picks.js";
import { quote } from "./replies.js";
import { canonicalTimeZone, suggestTimeZone } from "./time-zone.js";

export const SUBSCRIBE_USAGE = "subscribe [time HH:MM] [tz Area/City] [count N] [days daily|weekdays]";

export interface SubscribeOptions {
  time?: string;
  timezone?: string;
  count?: number;
  days?: DeliveryDays;
}

type Parsed = { ok: true; options: SubscribeOptions } | { ok: false; message: string };

const KEYS = ["time", "tz", "count", "days"] as const;
type Key = (typeof KEYS)[number];

/** Parses `time 07:30 tz Europe/Paris count 3 days weekdays`: keyword–value pairs in any order. */
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
  }
}

/** `8:05` → `08:05`; undefined unless it is a real 24-hour time. */
export function parseTime(text: string): string | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? `${(match[1] ?? "").padStart(2, "0")}:${match[2]}` : undefined;
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
