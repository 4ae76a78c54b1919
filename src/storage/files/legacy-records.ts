import type { Delivery, Profile, StoreSnapshot, Subscription } from "../../core/records.js";
import type { BotState, DeliveryRecord } from "./legacy/types.js";
import type { TargetKey } from "../../core/target.js";

/**
 * The records a whole-document state (state.json, format versions 0 and 1) holds: a snapshot
 * without papers (those were in corpus.json). Deliveries are oldest local date first within each
 * target, one per (key, localDate); sent papers have no publication date (it was never recorded).
 * Libraries, reading lists and votes came later: there are none.
 */
export type LegacyRecords = Omit<StoreSnapshot, "papers">;

/** What an old "sending" record becomes: it may have reached the chat, so it is never sent again. */
export const INTERRUPTED_IMPORT_ERROR = "interrupted while sending (imported)";

/**
 * Converts a migrated state (see migrateState) into records, copying everything (nothing is
 * shared with `state`). Fields the records do not have are dropped. A record that was "sending"
 * when the old paperboy stopped becomes "failed"; a local date recorded twice keeps its last record.
 *
 * @example const records = legacyStateToRecords(migrateState(JSON.parse(text), { source: file }));
 */
export function legacyStateToRecords(state: BotState): LegacyRecords {
  const profiles = new Map<TargetKey, Profile>();
  for (const [key, profile] of Object.entries(state.profiles)) profiles.set(key, toProfile(profile));
  const subscriptions = new Map<TargetKey, Subscription>();
  for (const [key, sub] of Object.entries(state.subscriptions)) subscriptions.set(key, toSubscription(sub));
  const deliveries: Delivery[] = [];
  for (const [key, records] of Object.entries(state.deliveries))
    deliveries.push(...toDeliveries(key, records));
  const sent: LegacyRecords["sent"] = new Map();
  for (const [key, ids] of Object.entries(state.sent)) {
    if (ids.length > 0)
      sent.set(
        key,
        [...new Set(ids)].map((id) => ({ id })),
      );
  }
  return {
    profiles,
    subscriptions,
    deliveries,
    sent,
    libraries: new Map(),
    saved: new Map(),
    votes: new Map(),
  };
}

function toProfile(profile: Profile): Profile {
  return {
    interests: [...profile.interests],
    liked: [...profile.liked],
    disliked: [...profile.disliked],
    updatedAt: profile.updatedAt,
  };
}

function toSubscription(sub: Subscription): Subscription {
  const copy: Subscription = {
    time: sub.time,
    timezone: sub.timezone,
    days: sub.days,
    count: sub.count,
    quietNote: sub.quietNote,
    chatId: sub.chatId,
    ownerId: sub.ownerId,
    createdAt: sub.createdAt,
  };
  if (sub.paused) copy.paused = { reason: sub.paused.reason, at: sub.paused.at };
  return copy;
}

function toDeliveries(key: TargetKey, records: readonly DeliveryRecord[]): Delivery[] {
  const byDate = new Map<string, Delivery>();
  for (const record of records) byDate.set(record.localDate, toDelivery(key, record));
  return [...byDate.values()].sort((a, b) =>
    a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0,
  );
}

function toDelivery(key: TargetKey, record: DeliveryRecord): Delivery {
  const interrupted = record.status === "sending";
  const delivery: Delivery = {
    key,
    localDate: record.localDate,
    status: interrupted ? "failed" : record.status,
    at: record.at,
    paperIds: [...record.paperIds],
    sentIds: [...record.sentIds],
    late: record.late ?? false,
  };
  const error = interrupted ? INTERRUPTED_IMPORT_ERROR : record.error;
  if (error !== undefined) delivery.error = error;
  return delivery;
}
