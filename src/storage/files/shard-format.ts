import type { Profile, Subscription } from "../../core/records.js";
import type { RecordData, ShardKind, StoredDelivery, TargetLog } from "./record-data.js";
import { shardName, shardOf } from "./shard-hash.js";

/** Where a problem is: field names and array indexes from the top of a shard file. */
export type FieldPath = Array<string | number>;

const DELIVERY_DAYS: readonly string[] = ["daily", "weekdays"] satisfies Subscription["days"][];
const DELIVERY_STATUSES: readonly string[] = [
  "claimed",
  "sending",
  "sent",
  "failed",
  "skipped",
] satisfies StoredDelivery["status"][];

/**
 * Checks a parsed shard file and adds its records to `data`. Returns the path of the first problem
 * (then nothing is added), or undefined. The checks only read, so a shard of ~160 targets takes
 * well under a millisecond; the file's records are kept as parsed (no copy).
 */
export function loadShard(
  kind: ShardKind,
  shard: number,
  doc: unknown,
  data: RecordData,
): FieldPath | undefined {
  if (!isPlainRecord(doc)) return [];
  const keys = Object.keys(doc);
  for (const key of keys) {
    const home = shardOf(key, kind);
    if (home !== shard) return [key, `(belongs in ${shardName(kind, home)}.json)`];
    const problem = checkers[kind](doc[key]);
    if (problem) return [key, ...problem];
  }
  for (const key of keys) {
    const value = doc[key];
    if (kind === "profiles") data.profiles.set(key, value as Profile);
    else if (kind === "subscriptions") data.subscriptions.set(key, value as Subscription);
    else data.deliveries.set(key, value as TargetLog);
  }
  return undefined;
}

/** `["discord:user:1"].interests`: readable, and unambiguous for keys holding dots or colons. */
export function formatFieldPath(path: FieldPath): string {
  if (path.length === 0) return "(top level)";
  return path.map((part) => (typeof part === "number" ? `[${part}]` : describePart(part))).join("");
}

function describePart(part: string): string {
  if (part.startsWith("(")) return ` ${part}`;
  return /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
}

type Check = (value: unknown) => FieldPath | undefined;

const checkers: Record<ShardKind, Check> = {
  profiles: profileProblem,
  subscriptions: subscriptionProblem,
  deliveries: targetLogProblem,
};

/** Also used on a profile that `update`'s change returns, so a bad one never reaches a file. */
export function profileProblem(profile: unknown): FieldPath | undefined {
  if (!isObject(profile)) return [];
  if (!isStringList(profile.interests)) return ["interests"];
  if (!isStringList(profile.liked)) return ["liked"];
  if (!isStringList(profile.disliked)) return ["disliked"];
  if (typeof profile.updatedAt !== "string") return ["updatedAt"];
  return undefined;
}

export function subscriptionProblem(sub: unknown): FieldPath | undefined {
  if (!isObject(sub)) return [];
  if (typeof sub.time !== "string") return ["time"];
  if (typeof sub.timezone !== "string") return ["timezone"];
  if (!isOneOf(sub.days, DELIVERY_DAYS)) return ["days"];
  if (!Number.isSafeInteger(sub.count)) return ["count"];
  if (typeof sub.quietNote !== "boolean") return ["quietNote"];
  if (typeof sub.chatId !== "string") return ["chatId"];
  if (typeof sub.ownerId !== "string") return ["ownerId"];
  if (typeof sub.createdAt !== "string") return ["createdAt"];
  const paused = sub.paused;
  if (paused === undefined) return undefined;
  if (!isObject(paused)) return ["paused"];
  if (typeof paused.reason !== "string") return ["paused", "reason"];
  if (typeof paused.at !== "string") return ["paused", "at"];
  return undefined;
}

function targetLogProblem(target: unknown): FieldPath | undefined {
  if (!isObject(target)) return [];
  const { log, sent } = target;
  if (!Array.isArray(log)) return ["log"];
  for (let index = 0; index < log.length; index++) {
    const problem = deliveryProblem(log[index]);
    if (problem) return ["log", index, ...problem];
  }
  const orderProblem = sortByLocalDate(log as StoredDelivery[]);
  if (orderProblem !== undefined) return ["log", orderProblem, "localDate", "(repeats a local date)"];
  if (!isPlainRecord(sent)) return ["sent"];
  for (const id of Object.keys(sent)) {
    const publishedAt = sent[id];
    if (publishedAt !== null && typeof publishedAt !== "string") return ["sent", id];
  }
  return undefined;
}

/** Checks a delivery as kept under its target (its `key`, if any, is not looked at). */
export function deliveryProblem(record: unknown): FieldPath | undefined {
  if (!isObject(record)) return [];
  if (typeof record.localDate !== "string") return ["localDate"];
  if (!isOneOf(record.status, DELIVERY_STATUSES)) return ["status"];
  if (typeof record.at !== "string") return ["at"];
  if (!isStringList(record.paperIds)) return ["paperIds"];
  if (!isStringList(record.sentIds)) return ["sentIds"];
  if (typeof record.late !== "boolean") return ["late"];
  for (const field of ["error", "owner", "leaseUntil", "chatId"] as const) {
    if (record[field] !== undefined && typeof record[field] !== "string") return [field];
  }
  if (record.reply !== undefined && replyProblem(record.reply)) return ["reply"];
  return undefined;
}

/** A reply is checked only as far as sending it needs: its kind and its lists. */
function replyProblem(reply: unknown): boolean {
  if (!isObject(reply)) return true;
  return (
    typeof reply.kind !== "string" ||
    !Array.isArray(reply.lines) ||
    !Array.isArray(reply.cards) ||
    !Array.isArray(reply.buttons)
  );
}

/** Sorts a log oldest local date first, in place; returns the index of a repeated local date. */
function sortByLocalDate(log: StoredDelivery[]): number | undefined {
  let sorted = true;
  for (let index = 1; index < log.length && sorted; index++) {
    sorted = (log[index - 1]?.localDate ?? "") < (log[index]?.localDate ?? "");
  }
  if (sorted) return undefined;
  log.sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
  for (let index = 1; index < log.length; index++) {
    if (log[index - 1]?.localDate === log[index]?.localDate) return index;
  }
  return undefined;
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== "string") return false;
  }
  return true;
}

function isOneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === "string" && allowed.includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What JSON.parse makes: no class instances, no arrays. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A shard file's content from its records (kept in memory in their file form). */
export function shardDocument(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const doc = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of entries) doc[key] = value;
  return doc;
}
