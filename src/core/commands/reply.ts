/**
 * The platform-neutral answer to a command. Adapters render it (Discord embeds, Telegram HTML,
 * console text); every string in it is plain text that the adapter must escape.
 */
export interface Reply {
  /** "error" replies explain what was wrong and name the valid form. */
  kind: "info" | "papers" | "error";
  /** Short heading, e.g. "Results for “graph neural networks”". */
  title?: string;
  /** Paragraphs of plain text, shown before the cards. */
  lines: string[];
  cards: PaperCard[];
  /** Buttons that belong to the whole reply, e.g. "Next page". */
  buttons: Button[];
  /** A note shown after the cards, e.g. "Page 1 of 4". */
  footer?: string;
  /** True when only the requester should see it (Discord ephemeral). Defaults to true for personal commands. */
  private?: boolean;
  /** A file sent with the reply (an export): a Discord attachment, a Telegram document. */
  file?: ReplyFile;
  /** A paper's vote totals after a member's 👍/👎 under a channel digest, to show on that message. */
  votes?: VoteTally;
}

export interface VoteTally {
  paperId: string;
  up: number;
  down: number;
}

export interface ReplyFile {
  name: string;
  mimeType: string;
  text: string;
}

export interface PaperCard {
  id: string;
  title: string;
  url?: string;
  authors: string[];
  /** The start of the abstract, already shortened to a readable excerpt. */
  excerpt: string;
  /** Cosine similarity in [0, 1], when the card comes from a ranking. */
  score?: number;
  /** Why it was picked: the interest it matched, e.g. "matches your interest “few-shot learning”". */
  why?: string;
  /** Terms shared between the query or profile and the paper. */
  matched: string[];
  publishedAt?: string;
  upvotes?: number;
  /** Buttons for this card: like, dislike, more like this. */
  buttons: Button[];
}

/**
 * A button. `action` is a stable id the adapter hands back to `CommandService.runAction` when the
 * button is pressed, e.g. `like:2410.12345`, `dislike:2410.12345`, `similar:2410.12345`,
 * `find:<page token>:2`. At most 64 bytes (Telegram's callback_data limit; Discord allows 100).
 */
export interface Button {
  label: string;
  action: string;
  style?: "primary" | "secondary" | "success" | "danger";
}
