import type { Button, PaperCard, Reply } from "./commands/reply.js";
import { safeLine, safeText } from "./safe-text.js";

/**
 * The reply with every string a reader sees passed through `safeText`: paragraphs and excerpts keep
 * their line breaks, one-line fields (titles, names, ids, labels, the footer) get spaces instead, so
 * a hostile title cannot fake a line of its own. Button actions stay untouched: they are ids handed
 * back to the command layer, not text. Every renderer starts with this.
 */
export function safeReply(reply: Reply): Reply {
  return {
    ...reply,
    ...(reply.title !== undefined && { title: safeLine(reply.title) }),
    lines: reply.lines.map((line) => safeText(line)),
    cards: reply.cards.map(safeCard),
    buttons: reply.buttons.map(safeButton),
    ...(reply.footer !== undefined && { footer: safeLine(reply.footer) }),
  };
}

function safeCard(card: PaperCard): PaperCard {
  return {
    ...card,
    id: safeLine(card.id),
    title: safeLine(card.title),
    ...(card.url !== undefined && { url: safeLine(card.url) }),
    authors: card.authors.map((author) => safeLine(author)),
    excerpt: safeText(card.excerpt),
    ...(card.why !== undefined && { why: safeLine(card.why) }),
    matched: card.matched.map((term) => safeLine(term)),
    ...(card.publishedAt !== undefined && { publishedAt: safeLine(card.publishedAt) }),
    buttons: card.buttons.map(safeButton),
  };
}

function safeButton(button: Button): Button {
  return { ...button, label: safeLine(button.label) };
}
