import type { Reply } from "../commands/reply.js";
import type { Library, Profile, SentPaper, Subscription } from "../records.js";
import type { TargetHistory } from "../store/port.js";
import type { TargetKey } from "../target.js";

/** What one subscriber's digest would contain today, decided before anything is sent. */
export interface DigestPlan {
  /** The picks, best first (may be empty on a quiet day). */
  papers: SentPaper[];
  /** The message to send, or null when there is nothing to send (quiet day, no note wanted). */
  reply: Reply | null;
}

/** The records one digest is computed from, read from the store by the scheduler. */
export interface DigestInput {
  key: TargetKey;
  subscription: Subscription;
  profile: Profile | undefined;
  history: TargetHistory;
  /** The target's imported library, when it has one. */
  library?: Library;
}

/**
 * Computes a subscriber's digest: the recommender implements it, the scheduler calls it. Pure
 * with respect to delivery: it reads the records it is given and records nothing.
 */
export type ComposeDigest = (input: DigestInput, options: { now: Date; late: boolean }) => DigestPlan;
