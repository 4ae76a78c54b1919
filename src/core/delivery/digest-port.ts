import type { TargetKey } from "../target.js";
import type { Reply } from "../commands/reply.js";
import type { Subscription } from "../state/types.js";

/** What one subscriber's digest would contain today, decided before anything is sent. */
export interface DigestPlan {
  /** The picks, best first (may be empty on a quiet day). */
  paperIds: string[];
  /** The message to send, or null when there is nothing to send (quiet day, no note wanted). */
  reply: Reply | null;
}

/**
 * Computes a subscriber's digest: the recommender implements it, the scheduler calls it. Pure
 * with respect to delivery: it reads profiles and the sent history but records nothing.
 */
export type ComposeDigest = (
  key: TargetKey,
  subscription: Subscription,
  options: { now: Date; late: boolean },
) => DigestPlan;
