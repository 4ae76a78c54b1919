import type { PaperCard, Reply } from "../commands/reply.js";

/** One message of a digest sent paper by paper: its header, or one paper. */
export interface DigestPart {
  reply: Reply;
  /** The paper this part holds and its number in the whole digest (1 for the first); absent for the header. */
  paper?: { card: PaperCard; position: number };
}

/**
 * Splits a digest so that each paper is a message of its own, which members can reply to or
 * discuss in a thread: the title and lines first (when there are any), then one part per card.
 * The reply's own buttons and footer go with the last paper, where they sat before. A reply
 * without cards stays whole.
 */
export function splitPerPaper(reply: Reply): DigestPart[] {
  if (reply.cards.length === 0) return [{ reply }];
  const { cards, buttons, footer, ...rest } = reply;
  const parts: DigestPart[] = [];
  if (reply.title?.trim() || reply.lines.length > 0)
    parts.push({ reply: { ...rest, cards: [], buttons: [] } });
  const last = cards.length - 1;
  cards.forEach((card, index) => {
    const paper: Reply = {
      kind: reply.kind,
      lines: [],
      cards: [card],
      buttons: index === last ? buttons : [],
    };
    if (index === last && footer !== undefined) paper.footer = footer;
    if (reply.private !== undefined) paper.private = reply.private;
    parts.push({ reply: paper, paper: { card, position: index + 1 } });
  });
  return parts;
}
