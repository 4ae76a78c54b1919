import type { Button, PaperCard, Reply } from "../../core/commands/reply.js";
import { safeReply } from "../../core/safe-reply.js";
import { safeLine } from "../../core/safe-text.js";

const PAPER_ACTIONS = new Set(["like", "dislike", "similar", "save"]);

/**
 * What to type to press a button: paper buttons become their command (`/like 2410.12345`,
 * `/save 2410.12345`), other buttons their action id with a slash (`/find:Ab3dE9:2`), which the
 * console chat runs as a press.
 */
export function typedButton(action: string): string {
  const separator = action.indexOf(":");
  const kind = action.slice(0, separator);
  const hint =
    separator > 0 && PAPER_ACTIONS.has(kind) ? `/${kind} ${action.slice(separator + 1)}` : `/${action}`;
  // An action holds ids, possibly a paper's from a feed; shown on a terminal, it is text like any other.
  return safeLine(hint);
}

/**
 * A Reply as plain terminal text; buttons appear as typeable hints. Every string is sanitised first,
 * so a feed's title cannot send escape sequences to the terminal.
 */
export function renderReply(unsafe: Reply): string {
  const reply = safeReply(unsafe);
  const blocks: string[] = [];
  const heading = reply.kind === "error" ? `⚠ ${reply.title ?? "Sorry"}` : reply.title;
  if (heading) blocks.push(`${heading}\n${"─".repeat(Math.min(60, heading.length))}`);
  if (reply.lines.length > 0) blocks.push(reply.lines.join("\n"));
  reply.cards.forEach((card, i) => blocks.push(renderCard(card, i + 1)));
  if (reply.footer) blocks.push(reply.footer);
  if (reply.buttons.length > 0) blocks.push(renderButtons(reply.buttons));
  return `${blocks.join("\n\n")}\n`;
}

function renderCard(card: PaperCard, position: number): string {
  const score = card.score !== undefined ? `  (score ${card.score.toFixed(2)})` : "";
  const lines = [`${position}. ${card.title}${score}`, `   id: ${card.id}${card.url ? `  ${card.url}` : ""}`];
  if (card.authors.length > 0) lines.push(`   ${card.authors.join(", ")}`);
  if (card.publishedAt) lines.push(`   published ${card.publishedAt.slice(0, 10)}`);
  lines.push(`   ${card.excerpt}`);
  const why = [card.why, card.matched.length > 0 ? `terms: ${card.matched.join(", ")}` : undefined].filter(
    Boolean,
  );
  if (why.length > 0) lines.push(`   Why: ${why.join(" · ")}`);
  if (card.buttons.length > 0) lines.push(`   ${renderButtons(card.buttons)}`);
  return lines.join("\n");
}

function renderButtons(buttons: readonly Button[]): string {
  return buttons.map((button) => `[${button.label}: ${typedButton(button.action)}]`).join(" ");
}
