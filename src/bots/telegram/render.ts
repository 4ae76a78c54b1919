import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Button, PaperCard, Reply } from "../../core/commands/reply.js";
import { safeReply } from "../../core/safe-reply.js";
import { bold, code, type HtmlNode, italic, link, toHtml, truncateNodes, visibleLength } from "./html.js";

/** One Telegram message, to be sent with `parse_mode: "HTML"`. */
export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Telegram allows 4096 visible units; the margin absorbs any counting difference on its side. */
export const MESSAGE_BUDGET = 4000;
/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const FIELD_LIMITS = { title: 300, author: 100, excerpt: 1500, why: 300, matchedTerms: 10 } as const;
const AUTHORS_SHOWN = 3;

interface Block {
  nodes: HtmlNode[];
  /** Text placed before this block when it follows another one in the same message. */
  separator: string;
  card?: { number: number; buttons: Button[] };
}

/**
 * Renders a reply as Telegram HTML messages: every text escaped, each message under the visible
 * limit (split between cards, a single oversized card truncated), with an inline keyboard for the
 * cards of each message and the reply's own buttons (e.g. "Next page") under the last one. Every
 * string is sanitised first (control, bidi and stray zero-width characters), then HTML-escaped.
 * `firstPosition` numbers the first card, for a digest sent one paper per message.
 */
export function renderReply(unsafe: Reply, firstPosition = 1): TelegramMessage[] {
  const reply = safeReply(unsafe);
  const cards = reply.cards.map((card, index) => cardBlock(card, index + firstPosition - 1));
  const blocks = [...headBlocks(reply), ...cards, ...footerBlocks(reply)];
  const groups = packBlocks(
    blocks.map((block) => ({ ...block, nodes: truncateNodes(block.nodes, MESSAGE_BUDGET) })),
  );
  if (groups.length === 0) groups.push([{ nodes: ["Nothing to show."], separator: "" }]);
  const numbered = reply.cards.length > 1;
  return groups.map((group, index) => {
    const isLast = index === groups.length - 1;
    const rows = group.flatMap((block) => (block.card ? cardRows(block.card, numbered) : []));
    if (isLast) rows.push(...buttonRows(reply.buttons));
    const text = toHtml(
      group.flatMap((block, i) => (i === 0 ? block.nodes : [block.separator, ...block.nodes])),
    );
    return rows.length > 0 ? { text, reply_markup: { inline_keyboard: rows } } : { text };
  });
}

function headBlocks(reply: Reply): Block[] {
  const blocks: Block[] = [];
  const marker = reply.kind === "error" ? "⚠️ " : "";
  if (reply.title) blocks.push({ nodes: [marker, bold(reply.title)], separator: "" });
  reply.lines.forEach((line, i) => {
    const prefix = i === 0 && !reply.title ? marker : "";
    if (line.length > 0 || prefix) blocks.push({ nodes: [prefix, line], separator: "\n" });
  });
  return blocks;
}

function footerBlocks(reply: Reply): Block[] {
  return reply.footer ? [{ nodes: [italic(reply.footer)], separator: "\n\n" }] : [];
}

function cardBlock(card: PaperCard, index: number): Block {
  const number = index + 1;
  const nodes: HtmlNode[] = [
    `${number}. `,
    link(card.url, clip(card.title.trim() || "(untitled)", FIELD_LIMITS.title)),
  ];
  const meta = metaLine(card);
  nodes.push("\n", code(card.id), ...(meta ? [" · ", meta] : []));
  if (card.why) nodes.push("\n", italic(clip(card.why, FIELD_LIMITS.why)));
  if (card.excerpt) nodes.push("\n", clip(card.excerpt, FIELD_LIMITS.excerpt));
  const matched = card.matched.slice(0, FIELD_LIMITS.matchedTerms);
  if (matched.length > 0) nodes.push("\n", italic(`Matched: ${matched.join(", ")}`));
  return { nodes, separator: "\n\n", card: { number, buttons: card.buttons } };
}

function metaLine(card: PaperCard): string {
  const parts: string[] = [];
  const authors = card.authors.slice(0, AUTHORS_SHOWN).map((name) => clip(name, FIELD_LIMITS.author));
  if (authors.length > 0)
    parts.push(authors.join(", ") + (card.authors.length > AUTHORS_SHOWN ? " et al." : ""));
  const date = card.publishedAt?.slice(0, 10);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) parts.push(date);
  if (card.upvotes !== undefined) parts.push(`▲ ${card.upvotes}`);
  if (card.score !== undefined && Number.isFinite(card.score))
    parts.push(`${Math.round(card.score * 100)}% match`);
  return parts.join(" · ");
}

function clip(text: string, limit: number): string {
  return truncateNodes([text], limit).join("");
}

function packBlocks(blocks: Block[]): Block[][] {
  const groups: Block[][] = [];
  let current: Block[] = [];
  let used = 0;
  for (const block of blocks) {
    const length = visibleLength(block.nodes);
    if (length === 0) continue;
    const added = current.length === 0 ? length : block.separator.length + length;
    if (current.length > 0 && used + added > MESSAGE_BUDGET) {
      groups.push(current);
      current = [];
      used = 0;
    }
    used += current.length === 0 ? length : block.separator.length + length;
    current.push(block);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function cardRows(card: { number: number; buttons: Button[] }, numbered: boolean): InlineKeyboardButton[][] {
  const row = toKeyboardButtons(card.buttons, (label) => (numbered ? `${label} #${card.number}` : label));
  return row.length > 0 ? [row] : [];
}

function buttonRows(buttons: Button[]): InlineKeyboardButton[][] {
  const row = toKeyboardButtons(buttons, (label) => label);
  return row.length > 0 ? [row] : [];
}

/** Buttons whose action does not fit in callback_data are left out rather than cut: a cut id would act on the wrong thing. */
function toKeyboardButtons(buttons: Button[], label: (text: string) => string): InlineKeyboardButton[] {
  return buttons
    .filter((button) => isValidCallbackData(button.action))
    .map((button) => ({ text: label(button.label.trim() || "•"), callback_data: button.action }));
}

/** True when `action` can be used as Telegram callback_data (1–64 bytes). */
export function isValidCallbackData(action: string): boolean {
  const bytes = Buffer.byteLength(action, "utf8");
  return bytes > 0 && bytes <= CALLBACK_DATA_MAX_BYTES;
}
