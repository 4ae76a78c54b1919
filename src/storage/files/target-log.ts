import type { Delivery } from "../../core/records.js";
import type { TargetKey } from "../../core/target.js";
import { copyJson } from "./json-copy.js";
import type { StoredDelivery, TargetLog } from "./record-data.js";
import { emptySent, sentCount, withoutSent } from "./sent-papers.js";

/**
 * Copy-on-write edits of a target's deliveries: each returns a new TargetLog and leaves the one it
 * was given as it was, because that one may be the stored one (or be shared with it).
 */

/** The index of the record for `localDate`, or -1. Logs are short (one record a day, pruned). */
export function indexOfDate(target: TargetLog | undefined, localDate: string): number {
  if (!target) return -1;
  for (let index = target.log.length - 1; index >= 0; index--) {
    if (target.log[index]?.localDate === localDate) return index;
  }
  return -1;
}

/** Adds a record for a local date that has none, keeping the log oldest first. */
export function withInserted(target: TargetLog | undefined, record: StoredDelivery): TargetLog {
  const log = target ? [...target.log] : [];
  let at = log.length;
  while (at > 0 && (log[at - 1]?.localDate ?? "") > record.localDate) at -= 1;
  log.splice(at, 0, record);
  return { log, sent: target?.sent ?? emptySent() };
}

export function withReplaced(target: TargetLog, index: number, record: StoredDelivery): TargetLog {
  const log = [...target.log];
  log[index] = record;
  return { log, sent: target.sent };
}

/** Removes a record and forgets `forget` from the sent history; undefined when nothing is left. */
export function withRemoved(
  target: TargetLog,
  index: number,
  forget: readonly string[],
): TargetLog | undefined {
  const log = target.log.filter((_, at) => at !== index);
  const sent = withoutSent(target.sent, forget);
  return log.length === 0 && sentCount(sent) === 0 ? undefined : { log, sent };
}

/** A record as handed out: a copy, with its key. */
export function toDelivery(key: TargetKey, record: StoredDelivery): Delivery {
  return { key, ...copyJson(record) };
}

/** A record that no longer holds a lease: owner, lease and the reply to send are gone. */
export function withoutLease(record: StoredDelivery): StoredDelivery {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the fields are dropped on purpose
  const { owner, leaseUntil, reply, ...rest } = record;
  return rest;
}

/** Whether `owner` holds the record: it is claimed or being sent by that owner. */
export function isHeldBy(record: StoredDelivery | undefined, owner: string): record is StoredDelivery {
  return (record?.status === "claimed" || record?.status === "sending") && record.owner === owner;
}

export function leaseEndsBefore(record: StoredDelivery, now: Date): boolean {
  return Date.parse(record.leaseUntil ?? "") < now.getTime();
}
