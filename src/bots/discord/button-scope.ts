import type { Button, Reply } from "../../core/commands/reply.js";

/**
 * Marks a paging button of a channel's list. A private reply (ephemeral) is otherwise read as the
 * presser's own, so "Next page" under `/saved where:channel` would page through their own list.
 */
const CHANNEL_MARK = "channel>";
/** Buttons whose action pages through the target's own records, so the target must travel with them. */
const TARGET_PAGING = ["saved:"];

/** The reply of a channel command with its paging buttons marked as the channel's. */
export function markChannelPaging(reply: Reply): Reply {
  if (!reply.buttons.some(isTargetPaging)) return reply;
  return {
    ...reply,
    buttons: reply.buttons.map((button) =>
      isTargetPaging(button) ? { ...button, action: `${CHANNEL_MARK}${button.action}` } : button,
    ),
  };
}

/** A pressed button's action for the command layer, and whether it was marked as the channel's. */
export function readButton(customId: string): { action: string; channel: boolean } {
  return customId.startsWith(CHANNEL_MARK)
    ? { action: customId.slice(CHANNEL_MARK.length), channel: true }
    : { action: customId, channel: false };
}

function isTargetPaging(button: Button): boolean {
  return TARGET_PAGING.some((prefix) => button.action.startsWith(prefix));
}
