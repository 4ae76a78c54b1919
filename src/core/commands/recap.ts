import { nextRecapSlot, latestRecapSlot } from "../recap/recap-slot.js";
import { type Subscription, type Weekday, WEEKDAYS, type WeeklyRecap } from "../records.js";
import { formatLocalTime, localTimeAt } from "../schedule/zoned-time.js";
import { type Platform, targetKey } from "../target.js";
import type { Command } from "./command.js";
import { refuseUnlessManager } from "./permission.js";
import { capitalised, errorReply, infoReply, quote } from "./replies.js";
import { parseTime } from "./subscribe-options.js";

export const RECAP_USAGE = "recap on|off [day <weekday>] [time HH:MM]";

/** When a recap turned on without a day or time is posted: the end of a working week. */
export const DEFAULT_RECAP: Pick<WeeklyRecap, "day" | "time"> = { day: "friday", time: "16:00" };

const WHAT_IT_HOLDS = "the week's most-voted and most-saved papers";

type RecapRequest = { kind: "show" } | { kind: "off" } | { kind: "on"; day?: Weekday; time?: string };

type Parsed = { ok: true; request: RecapRequest } | { ok: false; message: string };

export const recapCommand: Command = {
  name: "recap",
  usage: RECAP_USAGE,
  summary: `A channel's weekly post of ${WHAT_IT_HOLDS} (default: Fridays at 16:00)`,
  async run(args, ctx, env) {
    const command = recapCommandName(ctx.platform);
    if (ctx.target.kind === "user")
      return errorReply(`Weekly recaps are for channels and groups: use ${command} on there.`);
    const parsed = parseRecapArgs(args, command);
    if (!parsed.ok) return errorReply(parsed.message);
    const { request } = parsed;
    if (request.kind !== "show") {
      const refusal = await refuseUnlessManager(ctx, "weekly recap");
      if (refusal) return refusal;
    }
    const key = targetKey(ctx.target);
    const subscription = await env.store.subscriptions.get(key);
    if (!subscription) return errorReply(subscribeFirst(ctx.platform));
    if (request.kind === "show") return infoReply([recapLine(subscription, ctx.platform)]);
    if (request.kind === "off") {
      if (!subscription.recap)
        return infoReply([`The weekly recap is off already. ${command} on starts it.`]);
      const { recap: _dropped, ...rest } = subscription;
      await env.store.subscriptions.put(key, rest);
      return infoReply([`Weekly recap off. ${command} on starts it again.`]);
    }
    const now = env.now();
    const recap = nextRecap(subscription, request, now);
    await env.store.subscriptions.put(key, { ...subscription, recap });
    const lines = [
      `Weekly recap ${subscription.recap ? "updated" : "on"}: ${describeRecap(recap, subscription.timezone)}.`,
    ];
    const first = nextRecapSlot(now, recap, subscription.timezone);
    if (first) lines.push(`The next one: ${describeInstant(first.at, subscription.timezone)}.`);
    lines.push("Nothing is posted in a week without votes or saves.");
    if (subscription.paused)
      lines.push(`The digest is paused, so recaps wait until ${resumeCommand(ctx.platform)}.`);
    lines.push(`Change it with ${command} on day <weekday> time HH:MM, stop it with ${command} off.`);
    return infoReply(lines);
  },
};

/**
 * The recap `on` stores. A week whose slot has already passed counts as done (like a digest
 * subscribed after its time), and a week that had its recap keeps it: changing the day or time
 * never sends a second recap in one week.
 */
function nextRecap(
  subscription: Subscription,
  request: { day?: Weekday; time?: string },
  now: Date,
): WeeklyRecap {
  const day = request.day ?? subscription.recap?.day ?? DEFAULT_RECAP.day;
  const time = request.time ?? subscription.recap?.time ?? DEFAULT_RECAP.time;
  const passed = latestRecapSlot(now, { day, time }, subscription.timezone)?.week;
  const before = subscription.recap?.lastWeek;
  const lastWeek = before === undefined || (passed !== undefined && passed > before) ? passed : before;
  const recap: WeeklyRecap = { day, time };
  if (lastWeek !== undefined) recap.lastWeek = lastWeek;
  return recap;
}

/** What `/settings` and `recap` show: "Weekly recap: on, Fridays at 16:00 (Asia/Tokyo): …". */
export function recapLine(subscription: Subscription | undefined, platform: Platform): string {
  const command = recapCommandName(platform);
  if (!subscription?.recap) return `Weekly recap: off. ${command} on posts ${WHAT_IT_HOLDS} once a week.`;
  return `Weekly recap: on, ${describeRecap(subscription.recap, subscription.timezone)}. ${command} off stops it.`;
}

function describeRecap(recap: Pick<WeeklyRecap, "day" | "time">, timezone: string): string {
  return `${capitalised(recap.day)}s at ${recap.time} (${timezone}), ${WHAT_IT_HOLDS}`;
}

function describeInstant(at: Date, timezone: string): string {
  const local = localTimeAt(at.getTime(), timezone);
  const [date, time] = formatLocalTime(local).split(" ");
  return `${date} at ${time} (${timezone})`;
}

/** Parses `on day friday time 16:00` (day and time in any order), `off`, or nothing (show). */
export function parseRecapArgs(args: string, command = "/recap"): Parsed {
  const words = args.split(/\s+/).filter((word) => word.length > 0);
  const fail = (message: string): Parsed => ({
    ok: false,
    message: `${message} Use ${command} on [day friday] [time 16:00], or ${command} off.`,
  });
  const [first, ...rest] = words;
  if (first === undefined) return { ok: true, request: { kind: "show" } };
  const state = first.toLowerCase();
  if (state === "off")
    return rest.length === 0 ? { ok: true, request: { kind: "off" } } : fail("off takes no options.");
  if (state !== "on") return fail(`${quote(first)} is not on or off.`);
  const request: { kind: "on"; day?: Weekday; time?: string } = { kind: "on" };
  for (let i = 0; i < rest.length; i += 2) {
    const keyword = (rest[i] ?? "").toLowerCase();
    const value = rest[i + 1];
    if (keyword !== "day" && keyword !== "time") return fail(`${quote(rest[i] ?? "")} is not an option.`);
    if (value === undefined) return fail(`${keyword} needs a value.`);
    if (request[keyword] !== undefined) return fail(`${keyword} is given twice.`);
    if (keyword === "day") {
      const day = parseWeekday(value);
      if (!day) return fail(`${quote(value)} is not a day of the week: use monday, tuesday … sunday.`);
      request.day = day;
    } else {
      const time = parseTime(value);
      if (!time) return fail(`${quote(value)} is not a time. Use HH:MM in 24-hour form, e.g. time 16:00.`);
      request.time = time;
    }
  }
  return { ok: true, request };
}

/** `friday`, `Fridays` or `fri` → `friday`: at least three letters of a day's name. */
export function parseWeekday(text: string): Weekday | undefined {
  const word = text.toLowerCase().replace(/s$/, "");
  if (word.length < 3) return undefined;
  return WEEKDAYS.find((day) => day.startsWith(word));
}

/** How a channel's recap is changed: a `/channel` subcommand on Discord, the plain command elsewhere. */
function recapCommandName(platform: Platform): string {
  return platform === "discord" ? "/channel recap" : "/recap";
}

function subscribeFirst(platform: Platform): string {
  return platform === "discord"
    ? "Subscribe this channel first: /channel subscribe"
    : "Subscribe this group first: /subscribe";
}

function resumeCommand(platform: Platform): string {
  return platform === "discord" ? "/channel subscribe resumes it" : "/subscribe resumes it";
}
