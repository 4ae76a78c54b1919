import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, embedLength } from "discord.js";
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import type { Button, PaperCard, Reply } from "../../core/commands/reply.js";
import { safeReply } from "../../core/safe-reply.js";
import { safeHttpUrl } from "../url.js";
import { chunkLines, escapeMarkdownText, fitPlain, fitSafe } from "./plain-text.js";

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  embedCharsPerMessage: 6000,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  url: 2048,
} as const;

/** A readable excerpt; long enough to judge a paper, short enough that several fit a message. */
const EXCERPT_MAX = 1000;
const AUTHORS_SHOWN = 8;
const REPLY_FOOTER_MAX = 300;
const COLORS = { info: 0x5865f2, papers: 0x2b7a78, error: 0xed4245 } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** One Discord message, ready for `interaction.editReply`/`followUp` (see `toRestBody` for REST). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
}

/** The JSON body of `POST /channels/{id}/messages` for one rendered message. */
export function toRestBody(message: DiscordMessage): Record<string, unknown> {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: { parse: [] },
  };
}

/**
 * Turns a command reply into as many Discord messages as its limits require: text first, then an
 * embed per paper card with its buttons, then the reply's own buttons (e.g. "Next page"). Every
 * string is sanitised first (control, bidi and stray zero-width characters), then markdown-escaped.
 * `firstPosition` numbers the first card, for a digest sent one paper per message.
 */
export function renderReply(unsafe: Reply, firstPosition = 1): DiscordMessage[] {
  const reply = safeReply(unsafe);
  const messages = chunkLines(headerText(reply), DISCORD_LIMITS.content).map(textMessage);
  const lastCardIndex = reply.cards.length - 1;
  reply.cards.forEach((card, index) => {
    const footer = index === lastCardIndex ? reply.footer : undefined;
    const embed = cardEmbed(card, index + firstPosition, reply.kind, footer);
    const rowCount = card.buttons.some(isUsable) ? 1 : 0;
    let current = messages.at(-1);
    if (!current || !hasRoomFor(current, embed, rowCount)) {
      current = emptyMessage();
      messages.push(current);
    }
    current.embeds.push(embed);
    const used = new Set(current.components.flatMap(customIds));
    const row = buttonRow(
      card.buttons.filter((button) => !used.has(button.action)),
      `#${index + firstPosition} `,
    );
    if (row) current.components.push(row);
  });
  appendReplyButtons(messages, reply);
  return messages.length > 0 ? messages : [textMessage("Done.")];
}

function headerText(reply: Reply): string {
  const parts: string[] = [];
  const title = reply.title?.trim();
  if (title) parts.push(`${reply.kind === "error" ? "⚠️ " : ""}**${fitSafe(title, 300)}**`);
  else if (reply.kind === "error") parts.push("⚠️");
  parts.push(...reply.lines.map((line) => escapeMarkdownText(line)));
  if (reply.cards.length === 0 && reply.footer) parts.push(`-# ${fitSafe(reply.footer, REPLY_FOOTER_MAX)}`);
  return parts.join("\n");
}

function cardEmbed(card: PaperCard, position: number, kind: Reply["kind"], replyFooter?: string): APIEmbed {
  const embed = new EmbedBuilder()
    .setColor(COLORS[kind])
    .setTitle(fitSafe(`${position}. ${card.title || card.id}`, DISCORD_LIMITS.title));
  const url = safeHttpUrl(card.url, DISCORD_LIMITS.url);
  if (url) embed.setURL(url);
  if (card.excerpt.trim()) embed.setDescription(fitSafe(card.excerpt, EXCERPT_MAX));
  embed.addFields(cardFields(card));
  embed.setFooter({ text: cardFooter(card, replyFooter) });
  return embed.toJSON();
}

function cardFields(card: PaperCard): { name: string; value: string; inline?: boolean }[] {
  const fields: { name: string; value: string; inline?: boolean }[] = [];
  if (card.authors.length > 0) fields.push({ name: "Authors", value: authorsText(card.authors) });
  const why = whyText(card);
  if (why) fields.push({ name: "Why it matched", value: why });
  if (card.score !== undefined && Number.isFinite(card.score)) {
    fields.push({ name: "Score", value: card.score.toFixed(2), inline: true });
  }
  const date = card.publishedAt?.slice(0, 10);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) fields.push({ name: "Published", value: date, inline: true });
  if (card.upvotes !== undefined && card.upvotes > 0) {
    fields.push({ name: "Upvotes", value: String(card.upvotes), inline: true });
  }
  return fields.slice(0, DISCORD_LIMITS.fields);
}

function authorsText(authors: string[]): string {
  const shown = authors.slice(0, AUTHORS_SHOWN).join(", ");
  const more = authors.length > AUTHORS_SHOWN ? ` and ${authors.length - AUTHORS_SHOWN} more` : "";
  return fitSafe(shown, DISCORD_LIMITS.fieldValue - more.length) + more;
}

function whyText(card: PaperCard): string {
  const parts = [card.why?.trim() ?? ""];
  if (card.matched.length > 0) parts.push(`shared terms: ${card.matched.slice(0, 12).join(", ")}`);
  const text = parts.filter(Boolean).join(" · ");
  return text ? fitSafe(text, 400) : "";
}

function cardFooter(card: PaperCard, replyFooter?: string): string {
  const id = /^\d{4}\.\d{4,5}$|\//.test(card.id) ? `arXiv:${card.id}` : card.id;
  const parts = [fitPlain(id, 100)];
  if (replyFooter?.trim()) parts.push(fitPlain(replyFooter.trim(), REPLY_FOOTER_MAX));
  return parts.join(" · ");
}

function buttonRow(buttons: Button[], labelPrefix = ""): ButtonRow | undefined {
  const built = buttons
    .filter(isUsable)
    .filter((button, index, all) => all.findIndex((other) => other.action === button.action) === index)
    .slice(0, DISCORD_LIMITS.buttonsPerRow)
    .map((button) => toButton(button, labelPrefix));
  if (built.length === 0) return undefined;
  return new ActionRowBuilder<ButtonBuilder>().addComponents(built).toJSON();
}

function toButton(button: Button, labelPrefix: string): ButtonBuilder {
  const label = fitPlain(`${labelPrefix}${button.label.trim() || button.action}`, DISCORD_LIMITS.buttonLabel);
  return new ButtonBuilder()
    .setCustomId(button.action)
    .setLabel(label)
    .setStyle(STYLES[button.style ?? "secondary"]);
}

const STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

/** Discord refuses the whole message over one bad custom id, so such a button is left out. */
function isUsable(button: Button): boolean {
  return button.action.length > 0 && button.action.length <= DISCORD_LIMITS.customId;
}

function appendReplyButtons(messages: DiscordMessage[], reply: Reply): void {
  const usable = reply.buttons.filter(isUsable);
  const rows: ButtonRow[] = [];
  for (
    let i = 0;
    i < usable.length && rows.length < DISCORD_LIMITS.rowsPerMessage;
    i += DISCORD_LIMITS.buttonsPerRow
  ) {
    const row = buttonRow(usable.slice(i, i + DISCORD_LIMITS.buttonsPerRow));
    if (row) rows.push(row);
  }
  if (rows.length === 0) return;
  const last = messages.at(-1);
  if (
    last &&
    last.components.length + rows.length <= DISCORD_LIMITS.rowsPerMessage &&
    !hasDuplicateIds(last, rows)
  ) {
    last.components.push(...rows);
  } else {
    messages.push({ ...textMessage("More:"), components: rows });
  }
}

function hasRoomFor(message: DiscordMessage, embed: APIEmbed, extraRows: number): boolean {
  const used = message.embeds.reduce((sum, e) => sum + embedLength(e), 0);
  return (
    message.embeds.length < DISCORD_LIMITS.embedsPerMessage &&
    used + embedLength(embed) <= DISCORD_LIMITS.embedCharsPerMessage &&
    message.components.length + extraRows <= DISCORD_LIMITS.rowsPerMessage
  );
}

function hasDuplicateIds(message: DiscordMessage, rows: ButtonRow[]): boolean {
  const ids = new Set(message.components.flatMap(customIds));
  return rows.flatMap(customIds).some((id) => ids.has(id));
}

function customIds(row: ButtonRow): string[] {
  return row.components.flatMap((button) => ("custom_id" in button ? [button.custom_id] : []));
}

function textMessage(content: string): DiscordMessage {
  return { content, embeds: [], components: [], allowedMentions: { parse: [] } };
}

function emptyMessage(): DiscordMessage {
  return { embeds: [], components: [], allowedMentions: { parse: [] } };
}
