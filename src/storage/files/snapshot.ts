import { type Delivery, emptySnapshot, type StoreCounts, type StoreSnapshot } from "../../core/records.js";
import type { TargetKey } from "../../core/target.js";
import { copyJson } from "./json-copy.js";
import type { RecordData, ShardKind, TargetLog } from "./record-data.js";
import { emptyRecordData } from "./record-data.js";
import { readingListProblem, sortedNewestFirst } from "./reading-list-shape.js";
import { emptySent, sentCount, toSentPapers, withSentPapers } from "./sent-papers.js";
import type { FieldPath } from "./shard-format.js";
import {
  deliveryProblem,
  formatFieldPath,
  libraryProblem,
  profileProblem,
  subscriptionProblem,
} from "./shard-format.js";
import { toDelivery } from "./target-log.js";
import type { StagedRecords, Transaction } from "./transaction.js";
import { compareVotes, votesProblem } from "./vote-shape.js";

/** The user records of a snapshot: what an import of an old state.json brings. */
export type UserRecords = Omit<StoreSnapshot, "papers">;

export function countsOf(data: RecordData): StoreCounts {
  let deliveries = 0;
  let sent = 0;
  for (const [, target] of data.deliveries.entries()) {
    deliveries += target.log.length;
    sent += sentCount(target.sent);
  }
  let saved = 0;
  for (const [, list] of data.readingLists.entries()) saved += list.length;
  let votes = 0;
  for (const [, list] of data.votes.entries()) votes += list.length;
  return {
    papers: data.papers.list.length,
    profiles: data.profiles.size,
    subscriptions: data.subscriptions.size,
    deliveries,
    sent,
    libraries: data.libraries.size,
    saved,
    votes,
  };
}

/** Everything in `data`, copied. */
export function snapshotOf(data: RecordData): StoreSnapshot {
  const snapshot: StoreSnapshot = {
    ...emptySnapshot(),
    papers: data.papers.list.map((paper) => copyJson(paper)),
  };
  for (const [key, profile] of data.profiles.entries()) snapshot.profiles.set(key, copyJson(profile));
  for (const [key, sub] of data.subscriptions.entries()) snapshot.subscriptions.set(key, copyJson(sub));
  for (const [key, library] of data.libraries.entries()) snapshot.libraries.set(key, copyJson(library));
  for (const [key, list] of data.readingLists.entries()) {
    if (list.length > 0) snapshot.saved.set(key, copyJson(list));
  }
  for (const [key, votes] of data.votes.entries()) {
    if (votes.length > 0) snapshot.votes.set(key, copyJson(votes));
  }
  for (const [key, target] of data.deliveries.entries()) {
    for (const record of target.log) snapshot.deliveries.push(toDelivery(key, record));
    const sent = toSentPapers(target.sent);
    if (sent.length > 0) snapshot.sent.set(key, sent);
  }
  return snapshot;
}
/**
 * The user records of a snapshot as the engine keeps them, copied and checked (papers are left
 * empty). A target's deliveries are put oldest first; a local date given twice keeps the last.
 * A reading list is put newest first (papers saved at one instant keep the order given), a
 * target's votes by paper then member.
 * @throws TypeError naming the first record of the wrong shape (a paper saved twice in a list, a
 * member voting twice on a paper).
 */
export function userRecordData(records: UserRecords): RecordData {
  const data = emptyRecordData();
  for (const [key, profile] of records.profiles) {
    data.profiles.set(key, checked("profiles", key, copyJson(profile), profileProblem));
  }
  for (const [key, sub] of records.subscriptions) {
    data.subscriptions.set(key, checked("subscriptions", key, copyJson(sub), subscriptionProblem));
  }
  for (const [key, library] of records.libraries) {
    data.libraries.set(key, checked("libraries", key, copyJson(library), libraryProblem));
  }
  for (const [key, list] of records.saved) {
    if (list.length === 0) continue;
    const copy = sortedNewestFirst(copyJson(list));
    data.readingLists.set(key, checked("reading-lists", key, copy, readingListProblem));
  }
  for (const [key, votes] of records.votes) {
    if (votes.length === 0) continue;
    const copy = copyJson(votes).sort(compareVotes);
    data.votes.set(key, checked("votes", key, copy, votesProblem));
  }
  // Each target is built whole before it is stored: the live-claims index looks at it when stored.
  const targets = new Map<TargetKey, TargetLog>();
  const targetOf = (key: TargetKey): TargetLog => {
    let target = targets.get(key);
    if (!target) targets.set(key, (target = { log: [], sent: emptySent() }));
    return target;
  };
  const byTarget = new Map<TargetKey, Map<string, Delivery>>();
  for (const delivery of records.deliveries) {
    let dates = byTarget.get(delivery.key);
    if (!dates) byTarget.set(delivery.key, (dates = new Map()));
    dates.set(delivery.localDate, delivery);
  }
  for (const [key, dates] of byTarget) {
    const log = targetOf(key).log;
    for (const { key: _key, ...record } of dates.values()) {
      log.push(checked("deliveries", key, copyJson(record), deliveryProblem));
    }
    log.sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
  }
  for (const [key, papers] of records.sent) {
    if (papers.length === 0) continue;
    const target = targetOf(key);
    target.sent = withSentPapers(target.sent, papers);
  }
  for (const [key, target] of targets) data.deliveries.set(key, target);
  return data;
}

/** Stages, in `tx`, the replacement of every user record by those of `next`. */
export function stageReplacement(tx: Transaction, next: RecordData): void {
  replaceKind(tx.profiles, next.profiles.entries());
  replaceKind(tx.subscriptions, next.subscriptions.entries());
  replaceKind(tx.deliveries, next.deliveries.entries());
  replaceKind(tx.libraries, next.libraries.entries());
  replaceKind(tx.readingLists, next.readingLists.entries());
  replaceKind(tx.votes, next.votes.entries());
}

function replaceKind<V>(staged: StagedRecords<V>, next: Iterable<[TargetKey, V]>): void {
  for (const [key] of staged.current()) staged.set(key, undefined);
  for (const [key, value] of next) staged.set(key, value);
}

function checked<T>(
  kind: ShardKind,
  key: TargetKey,
  value: T,
  problemOf: (value: unknown) => FieldPath | undefined,
): T {
  const problem = problemOf(value);
  if (problem) throw new TypeError(`The ${kind} record of ${key} has a bad ${formatFieldPath(problem)}.`);
  return value;
}
