import type { Delivery } from "../../core/records.js";
import type { DeliveryLog, TargetHistory } from "../../core/store/port.js";
import type { TargetKey } from "../../core/target.js";
import { historyOfLog } from "./delivery-history.js";
import { copyJson } from "./json-copy.js";
import type { RecordData, StoredDelivery } from "./record-data.js";
import { sentCount, sentIds, withoutPublishedBefore, withSentPapers } from "./sent-papers.js";
import type { RecordEngine } from "./record-engine.js";
import {
  indexOfDate,
  isHeldBy,
  leaseEndsBefore,
  toDelivery,
  withInserted,
  withoutLease,
  withRemoved,
  withReplaced,
} from "./target-log.js";
import type { Transaction } from "./transaction.js";

export function deliveryLog(engine: RecordEngine): DeliveryLog {
  return {
    claim: (claims, lease, now) =>
      engine.write("deliveries", (tx) => {
        const claimed = new Set<TargetKey>();
        const at = now.toISOString();
        const leaseUntil = lease.until.toISOString();
        for (const claim of claims) {
          const target = tx.deliveries.get(claim.key);
          if (indexOfDate(target, claim.localDate) >= 0) continue;
          const record: StoredDelivery = {
            localDate: claim.localDate,
            status: "claimed",
            at,
            paperIds: claim.papers.map((paper) => paper.id),
            sentIds: [],
            late: claim.late,
            owner: lease.owner,
            leaseUntil,
            reply: copyJson(claim.reply),
            chatId: claim.chatId,
          };
          const next = withInserted(target, record);
          next.sent = withSentPapers(next.sent, claim.papers);
          tx.deliveries.set(claim.key, next);
          claimed.add(claim.key);
        }
        return claimed;
      }),

    recordUnsent: (days, now) =>
      engine.write("deliveries", (tx) => {
        for (const day of days) {
          const target = tx.deliveries.get(day.key);
          if (indexOfDate(target, day.localDate) >= 0) continue;
          const record: StoredDelivery = {
            localDate: day.localDate,
            status: day.status,
            at: now.toISOString(),
            paperIds: [],
            sentIds: [],
            late: false,
            error: day.reason,
          };
          tx.deliveries.set(day.key, withInserted(target, record));
        }
      }),

    takeOver: (lease, now) =>
      engine.write("deliveries", (tx) => {
        const taken: Delivery[] = [];
        for (const key of tx.liveDeliveryKeys()) {
          const target = tx.deliveries.get(key);
          if (!target) continue;
          let log: StoredDelivery[] | undefined;
          target.log.forEach((record, index) => {
            const next = takenOver(record, lease.owner, lease.until.toISOString(), now);
            if (!next) return;
            (log ??= [...target.log])[index] = next;
            if (next.status === "claimed") taken.push(toDelivery(key, next));
          });
          if (log) tx.deliveries.set(key, { log, sent: target.sent });
        }
        return taken;
      }),

    startSending: (key, localDate, lease, now) =>
      engine.write("deliveries", (tx) =>
        changeHeld(tx, key, localDate, lease.owner, (record) => {
          if (record.status !== "claimed" || Date.parse(record.leaseUntil ?? "") < now.getTime())
            return undefined;
          return { ...record, status: "sending", leaseUntil: lease.until.toISOString() };
        }),
      ),

    markSent: (key, localDate, owner, now) =>
      engine.write("deliveries", (tx) =>
        changeHeld(tx, key, localDate, owner, (record) => ({
          ...withoutLease(record),
          status: "sent",
          sentIds: [...record.paperIds],
          at: now.toISOString(),
        })),
      ),

    markFailed: (key, localDate, owner, reason, now) =>
      engine.write("deliveries", (tx) =>
        changeHeld(tx, key, localDate, owner, (record) => ({
          ...withoutLease(record),
          status: "failed",
          error: reason,
          at: now.toISOString(),
        })),
      ),

    release: (key, localDate, owner) =>
      engine.write("deliveries", (tx) => {
        const target = tx.deliveries.get(key);
        const index = indexOfDate(target, localDate);
        const record = target?.log[index];
        if (!target || !isHeldBy(record, owner)) return false;
        tx.deliveries.set(key, withRemoved(target, index, record.paperIds));
        return true;
      }),

    historyOf: (keys) =>
      engine.read((data) => {
        const histories = new Map<TargetKey, TargetHistory>();
        for (const key of keys) {
          const target = data.deliveries.get(key);
          const sent = target ? sentIds(target.sent) : [];
          histories.set(key, { sent, ...historyOfLog(target?.log ?? []) });
        }
        return histories;
      }),

    recent: (key, limit) =>
      engine.read((data) => {
        const log = data.deliveries.get(key)?.log ?? [];
        const newest: Delivery[] = [];
        for (let index = log.length - 1; index >= 0 && newest.length < limit; index--) {
          const record = log[index];
          if (record) newest.push(toDelivery(key, record));
        }
        return newest;
      }),

    failedSince: (since, limit) => engine.read((data) => failedSince(data, since, limit)),

    prune: ({ deliveriesBefore, sentPublishedBefore }) =>
      engine.write("deliveries", (tx) => {
        const removed = { deliveries: 0, sent: 0 };
        const cutoff = sentPublishedBefore.getTime();
        const verdicts = new Map<string, boolean>();
        const isBefore = (publishedAt: string): boolean => {
          let before = verdicts.get(publishedAt);
          if (before === undefined) verdicts.set(publishedAt, (before = Date.parse(publishedAt) < cutoff));
          return before;
        };
        for (const [key, target] of tx.deliveries.current()) {
          // The log is oldest first: when its first record is recent enough, so are the others.
          const oldest = target.log[0];
          const log =
            !oldest || oldest.localDate >= deliveriesBefore
              ? target.log
              : target.log.filter(
                  (record) =>
                    record.localDate >= deliveriesBefore ||
                    record.status === "claimed" ||
                    record.status === "sending",
                );
          const kept = withoutPublishedBefore(target.sent, isBefore);
          if (log.length === target.log.length && kept.removed === 0) continue;
          removed.deliveries += target.log.length - log.length;
          removed.sent += kept.removed;
          const sent = kept.sent;
          const empty = log.length === 0 && sentCount(sent) === 0;
          tx.deliveries.set(key, empty ? undefined : { log, sent });
        }
        return removed;
      }),
  };
}

/**
 * Every target's failed records from `since` on, newest first, at most `limit`. A scan of every
 * record: it answers an operator's `/status`, not a tick, and failures are few.
 */
function failedSince(data: RecordData, since: Date, limit: number): Delivery[] {
  const from = since.getTime();
  const failed: Array<{ key: TargetKey; record: StoredDelivery; at: number }> = [];
  for (const [key, target] of data.deliveries.entries()) {
    for (const record of target.log) {
      const at = Date.parse(record.at);
      if (record.status === "failed" && at >= from) failed.push({ key, record, at });
    }
  }
  failed.sort(
    (a, b) => b.at - a.at || compareText(a.key, b.key) || compareText(b.record.localDate, a.record.localDate),
  );
  return failed.slice(0, Math.max(0, limit)).map(({ key, record }) => toDelivery(key, record));
}

/** Code-unit order, as Postgres compares text in the "C" collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What takeOver makes of a record whose lease ended: a claim passes to the new owner; a digest
 * that was being sent may have reached the chat, so it fails rather than go out twice.
 */
function takenOver(
  record: StoredDelivery,
  owner: string,
  until: string,
  now: Date,
): StoredDelivery | undefined {
  if (record.status === "claimed" && leaseEndsBefore(record, now))
    return { ...record, owner, leaseUntil: until };
  if (record.status === "sending" && leaseEndsBefore(record, now)) {
    return { ...withoutLease(record), status: "failed", error: "interrupted while sending" };
  }
  return undefined;
}

/** Replaces the record `owner` holds for (key, localDate) by what `change` makes of it; false if none. */
function changeHeld(
  tx: Transaction,
  key: TargetKey,
  localDate: string,
  owner: string,
  change: (record: StoredDelivery) => StoredDelivery | undefined,
): boolean {
  const target = tx.deliveries.get(key);
  const index = indexOfDate(target, localDate);
  const record = target?.log[index];
  if (!target || !isHeldBy(record, owner)) return false;
  const next = change(record);
  if (!next) return false;
  tx.deliveries.set(key, withReplaced(target, index, next));
  return true;
}
