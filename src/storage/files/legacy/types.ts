import type { TargetKey } from "../../../core/target.js";
import type { Paper } from "../../../core/paper.js";
import type { Profile, Subscription } from "../../../core/records.js";

export type { DeliveryDays, Profile, Subscription } from "../../../core/records.js";

/**
 * The whole-document state of paperboy before records (state.json, format versions 0 and 1): read
 * only to import it into a store.
 */

/** Bumped whenever the shape below changes; migrations bring older files up to it. */
export const STATE_VERSION = 1;

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
