import { validateDetailed } from "node-cron";
import { z } from "zod";
import { checkCategories, type CategoryMessages } from "../sources/validate.js";
import { LOG_LEVELS } from "./types.js";

/*
 * One zod schema per kind of value. Each takes the trimmed, non-empty text of a variable and
 * yields its typed value; each error message reads "<what is wrong>: <how to fix it>", and the
 * variable's name is put in front by loadConfig. Secret values are never part of a message.
 */

/** A non-secret value as it appears in a message: quoted, escaped, and cut when long. */
export function shown(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function isUrl(text: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** A service root such as `https://huggingface.co`; the trailing slash is dropped. */
export const httpRoot = z
  .string()
  .refine((text) => isUrl(text, ["http:", "https:"]), {
    error: (issue) =>
      `${shown(issue.input)} is not an http(s) URL: use a full address such as https://example.org`,
  })
  .transform((text) => text.replace(/\/+$/, ""));

/** The public webhook address; Telegram only posts to HTTPS. Not echoed: its path often holds a secret. */
export const httpsUrl = z.string().refine((text) => isUrl(text, ["https:"]), {
  error:
    "is not an https URL: use the public HTTPS address Telegram should post updates to, e.g. https://bot.example.org/telegram",
});

/** A Postgres connection URL. Never echoed: it usually holds a password. */
export const databaseUrl = z.string().refine((text) => isUrl(text, ["postgres:", "postgresql:"]), {
  error:
    "is not a Postgres URL: use postgres://USER:PASSWORD@HOST:5432/DATABASE, or leave it unset to keep the data in DATA_DIR",
});

export const port = z
  .string()
  .refine((text) => /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535, {
    error: (issue) => `${shown(issue.input)} is not a port number: use a whole number from 1 to 65535`,
  })
  .transform(Number);

export function wholeNumber(min: number, max: number, unit: string, example: number) {
  return z
    .string()
    .refine((text) => /^\d{1,6}$/.test(text) && Number(text) >= min && Number(text) <= max, {
      error: (issue) =>
        `${shown(issue.input)} is not a whole number of ${unit} from ${min} to ${max}: use e.g. ${example}`,
    })
    .transform(Number);
}

/** `h`, `m` (or `min`) and `s` parts in that order, each optional, e.g. `5m`, `90s`, `1m30s`, `1h`. */
const DURATION = /^(?:(\d{1,4})h)?(?:(\d{1,6})(?:m|min))?(?:(\d{1,6})s)?$/;

/** Seconds from a plain number of seconds (`300`) or a duration (`5m`); undefined when neither. */
function durationSeconds(text: string): number | undefined {
  if (/^\d{1,6}$/.test(text)) return Number(text);
  const match = DURATION.exec(text.toLowerCase());
  // The pattern also matches text without any part, such as "".
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
}

/**
 * A span of time in whole seconds (`300`) or as a duration (`5m`, `90s`, `1m30s`, `1h`), between
 * `min` and `max` seconds; yields milliseconds.
 */
export function duration(min: number, max: number, example: string) {
  return z.string().transform((text, ctx) => {
    const seconds = durationSeconds(text.replace(/\s+/g, ""));
    if (seconds !== undefined && seconds >= min && seconds <= max) return seconds * 1_000;
    ctx.addIssue({
      code: "custom",
      message:
        `${shown(text)} is not a duration from ${spelled(min)} to ${spelled(max)}: use seconds ` +
        `(e.g. 300) or a duration such as ${example}, 90s or 1h`,
    });
    return z.NEVER;
  });
}

/** `10 s`, `5 min`, `6 h`: a bound as the message states it. */
function spelled(seconds: number): string {
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export const logLevel = z.enum(LOG_LEVELS, {
  error: (issue) => `${shown(issue.input)} is not a log level: use one of ${LOG_LEVELS.join(", ")}`,
});

export const cronExpression = z.string().transform((text, ctx) => {
  const result = validateDetailed(text);
  if (result.valid) return text.split(/\s+/).join(" ");
  const reasons = result.errors.map((error) => error.message).join("; ");
  ctx.addIssue({
    code: "custom",
    message:
      `${shown(text)} is not a valid cron expression (${reasons}): use 5 fields "minute hour day month weekday", ` +
      `or 6 with seconds first, e.g. "30 5 * * *" for 05:30 every day`,
  });
  return z.NEVER;
});

/** An IANA zone, returned in its canonical spelling (`europe/paris` → `Europe/Paris`). */
export const timeZone = z.string().transform((text, ctx) => {
  try {
    if (!/^[A-Za-z]/.test(text)) throw new RangeError("offsets are not zones");
    return new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    ctx.addIssue({
      code: "custom",
      message: `${shown(text)} is not an IANA time zone: use a name such as UTC, Europe/Paris or America/New_York`,
    });
    return z.NEVER;
  }
});

/** `HH:MM` on a 24-hour clock; `8:00` is accepted and padded to `08:00`. */
export const clockTime = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, {
    error: (issue) => `${shown(issue.input)} is not a time of day: use HH:MM on a 24-hour clock, e.g. 08:00`,
  })
  .transform((text) => text.padStart(5, "0"));

const CATEGORIES_FIX = "use a comma-separated list of arXiv categories such as cs.LG,cs.CL,stat.ML";
const CATEGORIES_VARIABLE_MESSAGES: CategoryMessages = {
  invalid: (names) =>
    `has ${names.slice(0, 5).map(shown).join(", ")}, not arXiv categories: ${CATEGORIES_FIX}`,
  count: (max) => `must list 1 to ${max} categories: ${CATEGORIES_FIX}`,
};

/** A comma-separated list of arXiv categories such as `cs.LG,stat.ML,hep-th`, deduplicated. */
export const arxivCategories = z.string().transform((text, ctx) => {
  const checked = checkCategories(text, CATEGORIES_VARIABLE_MESSAGES);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: "custom", message: checked.message });
  return z.NEVER;
});

/** arXiv holidays beyond those paperboy knows, e.g. `2027-01-01,2027-01-18`: real calendar dates, deduplicated. */
export const dateList = z.string().transform((text, ctx) => {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const bad = parts.find((part) => !isCalendarDate(part));
  if (bad === undefined && parts.length <= 1000) return [...new Set(parts)].sort();
  ctx.addIssue({
    code: "custom",
    message: `${shown(bad ?? text)} is not a list of dates: use YYYY-MM-DD dates separated by commas, e.g. 2027-01-01,2027-01-18`,
  });
  return z.NEVER;
});

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Gateway shard ids this instance runs, e.g. `0,1`. */
export const shardList = z.string().transform((text, ctx) => {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length > 0 && parts.length <= 1000 && parts.every((part) => /^\d{1,5}$/.test(part))) {
    return [...new Set(parts.map(Number))].sort((a, b) => a - b);
  }
  ctx.addIssue({
    code: "custom",
    message: `${shown(text)} is not a list of shard ids: use whole numbers separated by commas, e.g. 0,1`,
  });
  return z.NEVER;
});

export const telegramToken = z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, {
  error:
    "is not a Telegram bot token: paste the token BotFather sent, shaped <digits>:<letters, digits, _ or ->, " +
    "without quotes or spaces",
});

export const discordToken = z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, {
  error:
    "is not a Discord bot token: copy it from the Developer Portal (Bot → Reset Token); it has three parts " +
    'separated by dots, and goes in without a "Bot " prefix, quotes or spaces',
});

export const discordId = z.string().regex(/^\d{17,20}$/, {
  error: (issue) =>
    `${shown(issue.input)} is not a Discord id: copy it from the Developer Portal or with Developer Mode ` +
    "(Copy ID); it is 17 to 20 digits",
});

export const WEBHOOK_SECRET_FORM = "1–256 characters of A-Z, a-z, 0-9, _ or -";

export const webhookSecret = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, {
  error: `is not a valid webhook secret: set it to ${WEBHOOK_SECRET_FORM}, e.g. the output of "openssl rand -hex 32"`,
});

const ADMIN_PLATFORMS = ["discord", "telegram", "console"] as const;
/** A user id as each platform gives it: Discord's and Telegram's are numbers, the console's a word. */
const ADMIN_USER_ID = { discord: /^\d{1,20}$/, telegram: /^-?\d{1,20}$/, console: /^[\w.-]{1,64}$/ };
const ADMIN_IDS_FORM =
  "use comma-separated platform:userId entries, where platform is discord, telegram or console, " +
  "e.g. discord:123456789012345678,telegram:123456789";

/** Whether `entry` is `platform:userId` with a user id of that platform's form. */
function isAdminId(entry: string): boolean {
  const [platform, userId = "", ...rest] = entry.split(":");
  if (rest.length > 0) return false;
  const known = ADMIN_PLATFORMS.find((name) => name === platform);
  return known !== undefined && ADMIN_USER_ID[known].test(userId);
}

/** `Discord : 123` → `discord:123`: the platform in lower case, no spaces around the colon. */
function normalisedAdminId(entry: string): string {
  const colon = entry.indexOf(":");
  if (colon < 0) return entry.trim();
  return `${entry.slice(0, colon).trim().toLowerCase()}:${entry.slice(colon + 1).trim()}`;
}

/** The operators, `discord:123,telegram:456`: `platform:userId` entries, deduplicated, in order. */
export const adminIds = z.string().transform((text, ctx) => {
  const entries = text
    .split(",")
    .map(normalisedAdminId)
    .filter((entry) => entry.length > 0);
  const bad = entries.filter((entry) => !isAdminId(entry));
  if (entries.length > 0 && bad.length === 0) return [...new Set(entries)];
  const what =
    bad.length > 0 ? `has ${bad.slice(0, 5).map(shown).join(", ")}, not platform:userId` : "lists no one";
  ctx.addIssue({ code: "custom", message: `${what}: ${ADMIN_IDS_FORM}` });
  return z.NEVER;
});

export const anyText = z.string();
