import { ComponentType } from "discord.js";
import type { APIMessageTopLevelComponent } from "discord.js";
import type { VoteTally } from "../../core/commands/reply.js";
import { DISCORD_LIMITS } from "./render.js";

/** A vote count shown after a button's own label: "#1 👍" becomes "#1 👍 3". */
const SHOWN_COUNT = / \d+$/;

/**
 * The message's components with the 👍 and 👎 buttons of `tally.paperId` labelled with its totals
 * ("#1 👍 3", "#1 👎 1"; a zero shows no number), every other component as it was; undefined when
 * the message has no such button or its labels already show these totals.
 *
 * @example withVoteTotals(rows, { paperId: "2410.12345", up: 3, down: 1 })
 */
export function withVoteTotals(
  components: readonly APIMessageTopLevelComponent[],
  tally: VoteTally,
): APIMessageTopLevelComponent[] | undefined {
  const counts = new Map([
    [`like:${tally.paperId}`, tally.up],
    [`dislike:${tally.paperId}`, tally.down],
  ]);
  let changed = false;
  const updated = components.map((component) => {
    if (component.type !== ComponentType.ActionRow) return component;
    return {
      ...component,
      components: component.components.map((button) => {
        if (button.type !== ComponentType.Button || !("custom_id" in button)) return button;
        const count = counts.get(button.custom_id);
        if (count === undefined) return button;
        const label = countedLabel(button.label ?? "", count);
        if (label === button.label) return button;
        changed = true;
        return { ...button, label };
      }),
    };
  });
  return changed ? updated : undefined;
}

/** The label with `count` after it in place of the one shown before; none for zero. */
export function countedLabel(label: string, count: number): string {
  const suffix = count > 0 ? ` ${count}` : "";
  const base = label.replace(SHOWN_COUNT, "");
  const room = DISCORD_LIMITS.buttonLabel - suffix.length;
  // Labels are short ("#1 👍"); should one ever fill the limit, its end gives way to the count.
  return (base.length <= room ? base : `${base.slice(0, room - 1)}…`) + suffix;
}
