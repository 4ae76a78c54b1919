import type { InlineKeyboardButton } from "grammy/types";
import type { VoteTally } from "../../core/commands/reply.js";

/** A label as the renderer writes it, perhaps with a count: "👍", "👍 #2", "👍 3 #2". */
const LABEL_PARTS = /^(.*?)(?: \d+)?( #\d+)?$/s;
/** Telegram shows short button texts; a count keeps a label far below any practical limit. */
const LABEL_MAX = 64;

/**
 * The inline keyboard with the 👍 and 👎 buttons of `tally.paperId` showing its totals ("👍 3",
 * "👎 1 #2" when cards are numbered; a zero shows no number), every other button as it was;
 * undefined when no button changes.
 *
 * @example withVoteTotals(message.reply_markup.inline_keyboard, { paperId: "2410.12345", up: 3, down: 1 })
 */
export function withVoteTotals(
  keyboard: readonly (readonly InlineKeyboardButton[])[],
  tally: VoteTally,
): InlineKeyboardButton[][] | undefined {
  const counts = new Map([
    [`like:${tally.paperId}`, tally.up],
    [`dislike:${tally.paperId}`, tally.down],
  ]);
  let changed = false;
  const updated = keyboard.map((row) =>
    row.map((button) => {
      const count = "callback_data" in button ? counts.get(button.callback_data) : undefined;
      if (count === undefined) return button;
      const text = countedText(button.text, count);
      if (text === button.text) return button;
      changed = true;
      return { ...button, text };
    }),
  );
  return changed ? updated : undefined;
}

/** The button text with `count` after its label (before a card number), in place of an earlier count. */
export function countedText(text: string, count: number): string {
  const [, label = "", number = ""] = LABEL_PARTS.exec(text) ?? [];
  const counted = `${label}${count > 0 ? ` ${count}` : ""}${number}`;
  return counted.length <= LABEL_MAX ? counted : text;
}
