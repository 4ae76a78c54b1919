import type { PaperCard, Reply } from "./reply.js";

export function infoReply(lines: string[], title?: string): Reply {
  return title
    ? { kind: "info", title, lines, cards: [], buttons: [] }
    : { kind: "info", lines, cards: [], buttons: [] };
}

/** An error that says what was wrong and names the valid form. */
export function errorReply(...lines: string[]): Reply {
  return { kind: "error", lines, cards: [], buttons: [] };
}

export function papersReply(title: string, cards: PaperCard[], extras: Partial<Reply> = {}): Reply {
  return { kind: "papers", title, lines: [], cards, buttons: [], ...extras };
}

/** Quotes user text in messages, cut so a hostile paste cannot flood the reply. */
export function quote(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}

/** `text` with its first letter in capitals, e.g. to open a sentence with a phrase. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
