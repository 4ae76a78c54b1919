import type { Reply } from "./commands/reply.js";
import type { Paper } from "./paper.js";
import type { TargetKey } from "./target.js";

/** A user's or a channel's stated interests and the feedback that refines them. */
export interface Profile {
  /** Free-text phrases, 1–200 chars each, at most 25, no duplicates (compared case-insensitively). */
  interests: string[];
  /** Paper ids the target liked / disliked, newest last. */
  liked: string[];
  disliked: string[];
  /** Authors whose new papers always make the picks, as the target wrote them. Absent: none. */
  follows?: string[];
  /** Words or phrases whose papers never appear in picks or digests. Absent: none. */
  mutes?: string[];
  /** arXiv categories (`cs.LG`) picks are limited to. Absent: every category. */
  categories?: string[];
  /** When the profile last changed, ISO. */
  updatedAt: string;
}

/** A profile's optional lists: stores keep an empty one as absent, so both read back the same. */
export const PROFILE_LISTS = ["follows", "mutes", "categories"] as const;

/** Deletes the optional lists that are empty (see PROFILE_LISTS); returns the same profile. */
export function withoutEmptyLists(profile: Profile): Profile {
  for (const list of PROFILE_LISTS) if (profile[list]?.length === 0) delete profile[list];
  return profile;
}

/** One paper of an imported library, as its file described it. */
export interface LibraryPaper {
  /** Plain text; empty for an entry known only by its arXiv id until the corpus or arXiv names it. */
  title: string;
  abstract?: string;
  /** "Given Family" order. */
  authors: string[];
  year?: number;
  /** Without version: `2410.12345`, `hep-th/9901001`. */
  arxivId?: string;
  /** Lower-cased, without `https://doi.org/`. */
  doi?: string;
}

/** A target's imported library: its papers shape the target's picks like liked papers do. */
export interface Library {
  /** When it was imported, ISO. Importing again replaces the whole library. */
  importedAt: string;
  /** Newest first (by year, then file order), at most MAX_LIBRARY_PAPERS. */
  papers: LibraryPaper[];
}

/** How many papers of an import a library keeps: the newest. */
export const MAX_LIBRARY_PAPERS = 1_000;

/** A paper on a target's reading list (a user's own, or a channel's shared one). */
export interface SavedPaper {
  paperId: string;
  /** The platform's id of the user who saved it (in a channel, the member). */
  savedBy: string;
  /**
   * Their display name when they saved it (one line, made safe and short by the command layer), as
   * a channel's list shows who saved each paper; absent for papers saved before names were kept,
   * or when the platform gave none: the list then shows `savedBy`.
   */
  savedByName?: string;
  /** When it was saved, ISO as `Date.toISOString` writes it. */
  savedAt: string;
}

/** How many papers one reading list holds at most: a save beyond it answers "full". */
export const MAX_SAVED = 2_000;

/** A member's vote on a paper: 👍 or 👎. */
export type Vote = 1 | -1;

/** One member's vote on one paper of a target, as stores keep it: one per (paper, member). */
export interface CastVote {
  paperId: string;
  /** The platform's id of the member who voted. */
  member: string;
  vote: Vote;
  /** When the vote was cast or last changed, ISO as `Date.toISOString` writes it. */
  at: string;
}

export type DeliveryDays = "daily" | "weekdays";

/** The days of the week, Monday first as ISO weeks count them; records keep them in this form. */
export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A channel's weekly recap: the week's most-voted and most-saved papers, once a week. */
export interface WeeklyRecap {
  day: Weekday;
  /** Local time of day, `HH:MM` (24 h), in the subscription's time zone. */
  time: string;
  /**
   * ISO week (`2026-W49`, in the subscription's zone) that has had its recap: the last one sent, or
   * the week whose slot had already passed when the recap was turned on. No second recap that week.
   */
  lastWeek?: string;
}

export interface Subscription {
  /** Local time of day, `HH:MM` (24 h). */
  time: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: string;
  days: DeliveryDays;
  /** Picks per digest, 1–10. */
  count: number;
  /** Send a short "nothing matched today" note on quiet days. */
  quietNote: boolean;
  /** Where to post: the channel/group id, or the user id / private chat id for a DM digest. */
  chatId: string;
  /** Who subscribed, told when the subscription is paused. */
  ownerId: string;
  createdAt: string;
  /** Set when the platform refused delivery (blocked, channel gone); `/subscribe` clears it. */
  paused?: { reason: string; at: string };
  /** A channel's weekly recap; absent: none. */
  recap?: WeeklyRecap;
  /**
   * Each paper of the digest as its own message, with a discussion thread where the platform has
   * them (Discord): `/subscribe … threads on`. Absent: one digest message, as before.
   */
  threads?: boolean;
  /** The forum topic of a Telegram group the digest goes to (its `message_thread_id`); absent: the chat itself. */
  topicId?: string;
}

/**
 * Where one digest stands. `claimed`: its picks are fixed and one instance holds it until its lease
 * ends; nothing was handed to the platform yet, so another instance may take it over. `sending`:
 * being handed over right now; if its lease ends it becomes `failed`, never sent again.
 * `sent`, `failed`, `skipped`: done for that local date.
 */
export type DeliveryStatus = "claimed" | "sending" | "sent" | "failed" | "skipped";

/** One digest: a target's delivery for one of its local dates. */
export interface Delivery {
  key: TargetKey;
  /** The subscriber's local date this digest is for, `YYYY-MM-DD`. */
  localDate: string;
  status: DeliveryStatus;
  /** When it was claimed or last changed, ISO. */
  at: string;
  /** The picks, fixed when claimed. */
  paperIds: string[];
  /** The picks already handed to the platform. */
  sentIds: string[];
  late: boolean;
  error?: string;
  /** While claimed or sending: the instance holding it, and until when. */
  owner?: string;
  leaseUntil?: string;
  /** While claimed or sending: the message to send, so an instance taking over sends the same. */
  reply?: Reply;
  /** Where to send it, fixed when claimed. */
  chatId?: string;
}

/** What planning needs of a subscription's history. */
export interface DeliveryHistory {
  /** The latest local date with any delivery record: that day is done, whatever its status. */
  lastLocalDate?: string;
  /** When the latest digest that reached the chat went out, ISO. */
  lastSentAt?: string;
}

/** A subscription, with what planning needs to know of its deliveries. */
export interface ScheduledSubscription extends DeliveryHistory {
  key: TargetKey;
  subscription: Subscription;
}

/** A paper already handed to a target; its publication date bounds how long it must be remembered. */
export interface SentPaper {
  id: string;
  publishedAt?: string;
}

/**
 * Everything a store holds, as plain records: what copying one store into another moves. Times are
 * ISO strings as `Date.toISOString` writes them.
 */
export interface StoreSnapshot {
  papers: Paper[];
  profiles: Map<TargetKey, Profile>;
  subscriptions: Map<TargetKey, Subscription>;
  /** Oldest local date first within each target. */
  deliveries: Delivery[];
  /** Each target's sent papers, oldest first; targets with none are absent. */
  sent: Map<TargetKey, SentPaper[]>;
  /** Each target's imported library; targets without one are absent. */
  libraries: Map<TargetKey, Library>;
  /** Each target's reading list, newest first (as `ReadingLists.all` answers); targets with none are absent. */
  saved: Map<TargetKey, SavedPaper[]>;
  /** Each target's votes, by paper id then member (code-unit order); targets with none are absent. */
  votes: Map<TargetKey, CastVote[]>;
}

/** A snapshot holding nothing, to be filled. */
export function emptySnapshot(): StoreSnapshot {
  return {
    papers: [],
    profiles: new Map(),
    subscriptions: new Map(),
    deliveries: [],
    sent: new Map(),
    libraries: new Map(),
    saved: new Map(),
    votes: new Map(),
  };
}

/**
 * One source's latest ingestion: when it ran and what it brought, or why it failed. Operational,
 * not user data: what `/status` shows so that a quiet day can be told from a broken source.
 */
export interface IngestRun {
  /** The source's name, as papers list it (`hf`, `arxiv`, `rss`). */
  source: string;
  /** When the run ended, ISO as `Date.toISOString` writes it. */
  at: string;
  /** Papers the corpus did not hold before. */
  added: number;
  /** Papers it held that gained something (a source, upvotes, a longer abstract). */
  merged: number;
  /** Why the run failed; absent when it succeeded. */
  error?: string;
}

/** How many records of each kind a store holds. */
export interface StoreCounts {
  papers: number;
  profiles: number;
  subscriptions: number;
  deliveries: number;
  /** Sent papers remembered, over all targets. */
  sent: number;
  /** Targets with an imported library. */
  libraries: number;
  /** Papers on reading lists, over all targets. */
  saved: number;
  /** Votes (one per member and paper), over all targets. */
  votes: number;
}

/** What an empty store counts. */
export function emptyCounts(): StoreCounts {
  return {
    papers: 0,
    profiles: 0,
    subscriptions: 0,
    deliveries: 0,
    sent: 0,
    libraries: 0,
    saved: 0,
    votes: 0,
  };
}
