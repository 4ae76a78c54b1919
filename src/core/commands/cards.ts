import type { Paper } from "../paper.js";
import { excerpt } from "./excerpt.js";
import type { Button, PaperCard } from "./reply.js";

/** Telegram's callback_data limit: longer action ids cannot be sent as buttons. */
export const MAX_ACTION_BYTES = 64;
const MAX_AUTHORS = 10;
const utf8 = new TextEncoder();

export interface CardExtras {
  score?: number;
  why?: string;
  matched?: string[];
  excerptChars?: number;
}

/** The card of a paper the store no longer answers for (or not yet), without buttons. */
export function missingPaperCard(id: string, why?: string): PaperCard {
  const card: PaperCard = {
    id,
    title: `${id} (no longer in the corpus)`,
    authors: [],
    excerpt: "",
    matched: [],
    buttons: [],
  };
  return why === undefined ? card : { ...card, why };
}

/** A paper as a card with its 👍 / 👎 / More like this / 🔖 buttons. */
export function paperCard(paper: Paper, extras: CardExtras = {}): PaperCard {
  const card: PaperCard = {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.slice(0, MAX_AUTHORS),
    excerpt:
      extras.excerptChars === undefined ? cardExcerpt(paper) : excerpt(paper.abstract, extras.excerptChars),
    matched: extras.matched ?? [],
    buttons: feedbackButtons(paper.id),
  };
  const url = paperUrl(paper);
  if (url) card.url = url;
  if (extras.score !== undefined) card.score = Math.round(extras.score * 1000) / 1000;
  if (extras.why) card.why = extras.why;
  if (paper.publishedAt) card.publishedAt = paper.publishedAt;
  if (paper.upvotes !== undefined) card.upvotes = paper.upvotes;
  return card;
}

// Stored papers are never mutated (a merge stores a new object), so an excerpt can be kept per object:
// a daily run shows the same few papers to thousands of subscribers.
const excerpts = new WeakMap<Paper, string>();

function cardExcerpt(paper: Paper): string {
  let text = excerpts.get(paper);
  if (text === undefined) {
    text = excerpt(paper.abstract);
    excerpts.set(paper, text);
  }
  return text;
}

export function feedbackButtons(id: string): Button[] {
  const buttons: Button[] = [
    { label: "👍", action: `like:${id}`, style: "success" },
    { label: "👎", action: `dislike:${id}`, style: "danger" },
    { label: "More like this", action: `similar:${id}`, style: "secondary" },
    { label: "🔖", action: `save:${id}`, style: "secondary" },
  ];
  return buttons.filter((button) => fitsAction(button.action));
}

export function fitsAction(action: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short ids need no encoding to be sure.
  if (action.length * 3 <= MAX_ACTION_BYTES) return true;
  return utf8.encode(action).length <= MAX_ACTION_BYTES;
}

/** The paper's own link, else its arXiv page when the id is an arXiv id. */
export function paperUrl(paper: Paper): string | undefined {
  if (paper.url) return paper.url;
  return paper.id.startsWith("hf-") ? undefined : `https://arxiv.org/abs/${paper.id}`;
}
