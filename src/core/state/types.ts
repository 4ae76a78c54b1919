import type { TargetKey } from "../target.js";
import type { Paper } from "../paper.js";

/** Bumped whenever the shape below changes; migrations bring older files up to it. */
export const STATE_VERSION = 1;

/** A user's or a channel's stated interests and the feedback that refines them. */
export interface Profile {
  /** Free-text phrases, 1–200 chars each, at most 25, no duplicates (compared case-insensitively). */
  interests: string[];
  /** Paper ids the target liked / disliked, newest last. */
  liked: string[];
  disliked: string[];
  updatedAt: string;
}

export type DeliveryDays = "daily" | "weekdays";

export interface Subscription {
  /** Local time of day, `HH:MM` (24 h). */
  time: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: string;
  days: DeliveryDays;
  /** Picks per digest, 1–10. */
  count: number;
  /** Send a short "nothing matched today" note on quiet days. */
  quietNote: boolean;
  /** Where to post: the channel/group id, or the user id / private chat id for a DM digest. */
  chatId: string;
  /** Who subscribed, told when the subscription is paused. */
  ownerId: string;
  createdAt: string;
  /** Set when the platform refused delivery (blocked, channel gone); `/subscribe` clears it. */
  paused?: { reason: string; at: string };
}

export interface DeliveryRecord {
  /** The subscriber's local date this digest is for, `YYYY-MM-DD`. */
  localDate: string;
  /** When the fan-out for it started / last changed, ISO. */
  at: string;
  /** "sending" is written before the first message goes out, so a crash mid-fan-out is visible. */
  status: "sending" | "sent" | "failed" | "skipped";
  /** The picks chosen for this digest, fixed before sending. */
  paperIds: string[];
  /** The picks already handed to the platform: after a crash only the rest is sent. */
  sentIds: string[];
  late?: boolean;
  error?: string;
}

/** Everything paperboy knows about its users and channels; stored apart from the corpus. */
export interface BotState {
  version: number;
  profiles: Record<TargetKey, Profile>;
  subscriptions: Record<TargetKey, Subscription>;
  /** Recent deliveries per target, oldest first (bounded). */
  deliveries: Record<TargetKey, DeliveryRecord[]>;
  /** Every paper id ever sent to a target, so no paper is sent twice. */
  sent: Record<TargetKey, string[]>;
}

export function emptyState(): BotState {
  return { version: STATE_VERSION, profiles: {}, subscriptions: {}, deliveries: {}, sent: {} };
}

export const CORPUS_VERSION = 1;

export interface CorpusDocument {
  version: number;
  papers: Paper[];
}
