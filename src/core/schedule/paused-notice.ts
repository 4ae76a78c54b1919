import type { Target, TargetKey } from "../target.js";
import type { Reply } from "../commands/reply.js";

/** A subscription paused during a fan-out because the platform refused the delivery. */
export interface PausedNotice {
  key: TargetKey;
  target: Target;
  /** Who subscribed: for a channel, the person to tell (the channel itself cannot be reached). */
  ownerId: string;
  reason: string;
  /** True when the owner can be told apart from the refused target (a channel's subscriber). */
  canNotifyOwner: boolean;
}

/** The message for the owner of a paused channel digest. */
export function pausedNoticeReply(notice: PausedNotice): Reply {
  return {
    kind: "info",
    title: "Daily digest paused",
    lines: [
      `The daily digest for channel ${notice.target.id} could not be delivered (${notice.reason}), so it is paused.`,
      "Once the bot may post there again, run /subscribe in that channel to resume it.",
    ],
    cards: [],
    buttons: [],
    private: true,
  };
}
