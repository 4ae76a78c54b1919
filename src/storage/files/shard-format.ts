import {
  type CastVote,
  type Library,
  PROFILE_LISTS,
  type Profile,
  type SavedPaper,
  type Subscription,
  WEEKDAYS,
} from "../../core/records.js";
import type { RecordData, ShardKind, StoredDelivery, TargetLog } from "./record-data.js";
import { firstRepeat } from "./first-repeat.js";
import { readingListProblem } from "./reading-list-shape.js";
import { shardName, shardOf } from "./shard-hash.js";
import { isObject, isOneOf, isPlainRecord, isStringList } from "./json-shape.js";
import { votesProblem } from "./vote-shape.js";

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
 * (then nothing is added), or undefined. The file's records are kept as parsed (no copy), except
 * that a delivery log, a reading list or a target's votes is sorted if it was out of order, and
 * that equal values are shared (see shareCopies).
 */
export function loadShard(
  kind: ShardKind,
  shard: number,
  doc: unknown,
  data: RecordData,
  dates: Map<string, string>,
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
    else if (kind === "libraries") data.libraries.set(key, value as Library);
    else if (kind === "reading-lists") data.readingLists.set(key, value as SavedPaper[]);
    else if (kind === "votes") data.votes.set(key, value as CastVote[]);
    else data.deliveries.set(key, shareCopies(value as TargetLog, dates));
  }
  return undefined;
}

/**
 * Lets the target's records share what they hold twice: a paper sent to many targets has its
 * publication date in each of their sent histories, and a delivery sent whole has its sentIds
 * equal to its paperIds, but JSON.parse makes a new string or array for each (1.5 million dates
 * and 300,000 lists in the bench's 10,000 users with a month of history). Each date is replaced by
 * the equal string in `dates` (adding those it lacks), and such a sentIds by its paperIds: stored
 * records are never changed in place, so sharing is safe. In the bench, the heap the open left
 * shrank from 200 to 120 MB and its CPU time by a fifth: the copies die young. (Paper ids need
 * none of this: JSON.parse itself shares strings of up to 10 characters, which arXiv ids are.)
 */
function shareCopies(target: TargetLog, dates: Map<string, string>): TargetLog {
  for (const record of target.log) {
    if (sameStrings(record.paperIds, record.sentIds)) record.sentIds = record.paperIds;
  }
  const publishedAt = target.sent.publishedAt as Array<string | null>;
  for (let index = 0; index < publishedAt.length; index++) {
    const date = publishedAt[index];
    if (date === null || date === undefined) continue;
    const shared = dates.get(date);
    if (shared === undefined) dates.set(date, date);
    else publishedAt[index] = shared;
  }
  return target;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
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
  libraries: libraryProblem,
  "reading-lists": readingListProblem,
  votes: votesProblem,
};

/** Also used on a profile that `update`'s change returns, so a bad one never reaches a file. */
export function profileProblem(profile: unknown): FieldPath | undefined {
  if (!isObject(profile)) return [];
  if (!isStringList(profile.interests)) return ["interests"];
  if (!isStringList(profile.liked)) return ["liked"];
  if (!isStringList(profile.disliked)) return ["disliked"];
  for (const list of PROFILE_LISTS) {
    if (profile[list] !== undefined && !isStringList(profile[list])) return [list];
  }
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
  if (paused !== undefined) {
    if (!isObject(paused)) return ["paused"];
    if (typeof paused.reason !== "string") return ["paused", "reason"];
    if (typeof paused.at !== "string") return ["paused", "at"];
  }
  if (sub.threads !== undefined && typeof sub.threads !== "boolean") return ["threads"];
  if (sub.topicId !== undefined && typeof sub.topicId !== "string") return ["topicId"];
  const recap = sub.recap;
  if (recap === undefined) return undefined;
  if (!isObject(recap)) return ["recap"];
  if (!isOneOf(recap.day, WEEKDAYS)) return ["recap", "day"];
  if (typeof recap.time !== "string") return ["recap", "time"];
  if (recap.lastWeek !== undefined && typeof recap.lastWeek !== "string") return ["recap", "lastWeek"];
  return undefined;
}

/** Also used on a library `put` is given, so a bad one never reaches a file. */
export function libraryProblem(library: unknown): FieldPath | undefined {
  if (!isObject(library)) return [];
  if (typeof library.importedAt !== "string") return ["importedAt"];
  const { papers } = library;
  if (!Array.isArray(papers)) return ["papers"];
  for (let index = 0; index < papers.length; index++) {
    const problem = libraryPaperProblem(papers[index]);
    if (problem) return ["papers", index, ...problem];
  }
  return undefined;
}

function libraryPaperProblem(paper: unknown): FieldPath | undefined {
  if (!isObject(paper)) return [];
  if (typeof paper.title !== "string") return ["title"];
  if (!isStringList(paper.authors)) return ["authors"];
  for (const field of ["abstract", "arxivId", "doi"] as const) {
    if (paper[field] !== undefined && typeof paper[field] !== "string") return [field];
  }
  if (paper.year !== undefined && !Number.isSafeInteger(paper.year)) return ["year"];
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
  const sentProblem = sentListProblem(sent);
  return sentProblem && ["sent", ...sentProblem];
}

/** A sent history: unique string ids, and as many dates (string or null) beside them. */
function sentListProblem(sent: unknown): FieldPath | undefined {
  if (!isObject(sent)) return [];
  const { ids, publishedAt } = sent;
  if (!isStringList(ids)) return ["ids"];
  if (!Array.isArray(publishedAt) || publishedAt.length !== ids.length) return ["publishedAt"];
  for (let index = 0; index < publishedAt.length; index++) {
    const date: unknown = publishedAt[index];
    if (date !== null && typeof date !== "string") return ["publishedAt", index];
  }
  const repeat = firstRepeat(ids);
  return repeat < 0 ? undefined : ["ids", repeat, "(repeats an id)"];
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

/** A shard file's content from its records (kept in memory in their file form). */
export function shardDocument(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const doc = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of entries) doc[key] = value;
  return doc;
}
