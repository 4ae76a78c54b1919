import type { Reply } from "../commands/reply.js";
import type { IndexedPaper, Paper, PaperByline } from "../paper.js";
import type {
  Delivery,
  DeliveryHistory,
  IngestRun,
  Library,
  Profile,
  SavedPaper,
  ScheduledSubscription,
  SentPaper,
  StoreCounts,
  StoreSnapshot,
  Subscription,
  Vote,
} from "../records.js";
import type { TargetKey } from "../target.js";

/**
 * Everything paperboy keeps, as records. Each method is one transaction and answers one question
 * the core asks; its adapters (files in DATA_DIR, or Postgres with DATABASE_URL) are the only code
 * that touches files or SQL. Every method that depends on the time takes `now`. Races that several
 * instances can expect (a claim already made, a lease taken over) answer false; they do not throw.
 *
 * Records handed out are copies, and records taken in are copied: changing one changes nothing
 * stored.
 */
export interface Store {
  /** Where the data lives, for messages: a folder, or a database URL without its password. */
  readonly location: string;
  readonly profiles: ProfileRecords;
  readonly subscriptions: SubscriptionRecords;
  readonly libraries: LibraryRecords;
  readonly readingLists: ReadingLists;
  readonly votes: VoteRecords;
  readonly deliveries: DeliveryLog;
  readonly papers: PaperRecords;
  readonly jobs: JobLocks;
  readonly ingestRuns: IngestRunRecords;
  /** How many records of each kind it holds (ingest runs are not counted: see IngestRunRecords). */
  counts(): Promise<StoreCounts>;
  /** Everything it holds (but ingest runs), as plain records: what copying it into another store moves. */
  snapshot(): Promise<StoreSnapshot>;
  /**
   * Replaces everything it holds (papers included) with `snapshot`, in one transaction: afterwards
   * `snapshot()` answers the same records. Claims and leases are copied as they are. The papers it
   * brings count as changed after any earlier version, so running instances learn of them (not of
   * the papers it removed, which they keep until they restart). Ingest runs are kept as they were.
   */
  replaceAll(snapshot: StoreSnapshot): Promise<void>;
  /**
   * Finishes what is being written and releases files, locks and connections; job holds are
   * released (their `lost` does not settle).
   */
  close(): Promise<void>;
}

export interface ProfileRecords {
  get(key: TargetKey): Promise<Profile | undefined>;
  getMany(keys: readonly TargetKey[]): Promise<Map<TargetKey, Profile>>;
  /**
   * Changes one profile in one transaction. `change` edits a copy of the stored profile (an empty
   * one when there is none) and may return a value, which `update` resolves with. When the copy
   * differs from what was stored, it is stored with `updatedAt` set to `now`; otherwise nothing is
   * written. Updates of one profile, from any instance, run one after the other, so none is lost.
   * `change` runs synchronously: it must not return a promise. If it throws, nothing is stored and
   * the error propagates. If storing fails, the promise rejects and nothing changed.
   *
   * @example await store.profiles.update(key, now, (profile) => { profile.liked.push(id); });
   */
  update<R>(key: TargetKey, now: Date, change: (profile: Profile) => R): Promise<R>;
}

export interface SubscriptionRecords {
  get(key: TargetKey): Promise<Subscription | undefined>;
  /** Creates or replaces the target's subscription. */
  put(key: TargetKey, subscription: Subscription): Promise<void>;
  /** False when there was none. */
  delete(key: TargetKey): Promise<boolean>;
  /** The platform refused delivery: pause until `/subscribe` puts a new one. False when none. */
  pause(key: TargetKey, reason: string, now: Date): Promise<boolean>;
  count(): Promise<number>;
  /** Every subscription with its delivery history: what a delivery tick plans from. */
  scheduled(): Promise<ScheduledSubscription[]>;
}

/**
 * Each target's imported library, kept apart from its profile: a library is large (up to
 * MAX_LIBRARY_PAPERS papers with their abstracts), and a 👍 must not rewrite it.
 */
export interface LibraryRecords {
  /** The target's library; undefined when it has none. */
  get(key: TargetKey): Promise<Library | undefined>;
  /**
   * Replaces the target's library (or gives it one) in one transaction: an import replaces the
   * whole library, never merges into it. `get` then answers it as given: its papers in the same
   * order, the fields a paper lacks still absent. If storing fails, the promise rejects with
   * StoreWriteError and the library stored before is kept.
   */
  put(key: TargetKey, library: Library): Promise<void>;
  /** Removes the target's library; answers whether there was one. If that fails: StoreWriteError, kept. */
  delete(key: TargetKey): Promise<boolean>;
  /**
   * Per key, how many papers its library holds: what a status line needs, without reading the
   * papers. Keys without a library are absent from the map.
   */
  sizes(keys: readonly TargetKey[]): Promise<Map<TargetKey, number>>;
}

/** What a save did: the command tells "saved", "already saved" or "the list is full (2,000)" apart. */
export type SaveOutcome = "saved" | "already-saved" | "full";

/** Which part of a list to answer: skip `offset` items, then at most `limit` (integers, 0 or more). */
export interface Page {
  offset: number;
  limit: number;
}

/** One page of a reading list, and how many papers the whole list holds. */
export interface SavedPage {
  papers: SavedPaper[];
  total: number;
}

/**
 * Each target's reading list: a user's own, or a channel's shared one. Newest first means latest
 * `savedAt` first, and of papers saved at the same instant, the one saved last. Arguments of the
 * wrong form (an empty id, a `savedAt` that is no time, a negative or fractional page) reject with
 * TypeError or RangeError before anything is stored. If storing fails, the promise rejects with
 * StoreWriteError and the list is as it was.
 */
export interface ReadingLists {
  /**
   * Adds the paper unless the list has it already ("already-saved": the first saver and time stay)
   * or holds MAX_SAVED papers ("full"). Saves of one target, from any instance, run one after the
   * other, so a list never grows past MAX_SAVED.
   */
  save(key: TargetKey, paper: SavedPaper): Promise<SaveOutcome>;
  /** Removes the paper; answers whether it was there. */
  unsave(key: TargetKey, paperId: string): Promise<boolean>;
  /** Newest first, `page.offset` papers skipped, at most `page.limit`, and the list's total. */
  list(key: TargetKey, page: Page): Promise<SavedPage>;
  /** Every saved paper of the target, newest first (for exports). */
  all(key: TargetKey): Promise<SavedPaper[]>;
}

/** A paper's votes in a target. */
export interface VoteTotals {
  up: number;
  down: number;
}

/** A paper's votes and when the latest of them was cast (ISO). */
export interface PaperBalance extends VoteTotals {
  paperId: string;
  lastAt: string;
}

/** A paper's votes cast in some period. */
export interface PaperVotes extends VoteTotals {
  paperId: string;
}

/**
 * Members' votes on papers in a target (a channel's digest): at most one vote per member and
 * paper. Casts of many members on one paper at once, from any instance, are all kept. Arguments of
 * the wrong form (an empty id, a vote other than 1, -1 or null, a negative limit) reject with
 * TypeError or RangeError before anything is stored. If storing fails, the promise rejects with
 * StoreWriteError and the votes are as they were.
 */
export interface VoteRecords {
  /**
   * Sets the member's vote on the paper, replaces the one they cast before, or (`null`) withdraws
   * it, at `now`; answers the paper's totals after. Casting the vote a member already has changes
   * nothing (its time stays); withdrawing a vote never cast changes nothing.
   */
  cast(key: TargetKey, paperId: string, member: string, vote: Vote | null, now: Date): Promise<VoteTotals>;
  /** Each asked paper's totals in the target; a paper without votes is there with zeros. */
  totals(key: TargetKey, paperIds: readonly string[]): Promise<Map<string, VoteTotals>>;
  /**
   * The target's papers with votes (e.g. to tune its profile by their balance, up − down): the
   * paper with the latest vote first (ties by paper id, code-unit order), at most `limit`.
   */
  balances(key: TargetKey, limit: number): Promise<PaperBalance[]>;
  /**
   * The papers with votes cast (or changed) at `since` or later, and before `until` when it is
   * given, counting those votes only (a weekly recap: its week): best balance (up − down) first,
   * then most votes, then by paper id (code-unit order); at most `limit`.
   */
  topSince(key: TargetKey, since: Date, limit: number, until?: Date): Promise<PaperVotes[]>;
}

/** Who holds a claim, and until when. */
export interface Lease {
  owner: string;
  until: Date;
}

export interface NewClaim {
  key: TargetKey;
  localDate: string;
  /** The picks, best first; they join the target's sent history with the claim. */
  papers: readonly SentPaper[];
  reply: Reply;
  chatId: string;
  late: boolean;
}

export interface UnsentDay {
  key: TargetKey;
  localDate: string;
  status: "skipped" | "failed";
  reason: string;
}

/**
 * Digests and the sent history. A record per (target, local date) makes delivery at most once:
 * whatever its status, that day is done, except that a claim whose lease ended may be taken over.
 */
export interface DeliveryLog {
  /**
   * Claims digests for `lease.owner` until `lease.until`: each becomes a `claimed` record, and its
   * picks join the target's sent history, unless its (key, localDate) has a record already.
   * Resolves with the keys this call claimed; only those may be sent.
   */
  claim(claims: readonly NewClaim[], lease: Lease, now: Date): Promise<Set<TargetKey>>;
  /** Records days on which nothing was claimed, unless the day has a record already. */
  recordUnsent(days: readonly UnsentDay[], now: Date): Promise<void>;
  /**
   * Makes the records whose lease ended before `now` someone's again: a `claimed` one passes to
   * `lease` and is returned, to be sent in full (nothing of it was handed over); a `sending` one
   * becomes `failed` (it may have reached the chat, so it is never sent again), its `at` unchanged
   * and its picks kept in the sent history.
   */
  takeOver(lease: Lease, now: Date): Promise<Delivery[]>;
  /**
   * The holder of a claim is about to hand it to the platform: `sending`, with the lease renewed to
   * `lease.until`. False when `lease.owner` no longer holds a live claim on it: then send nothing.
   */
  startSending(key: TargetKey, localDate: string, lease: Lease, now: Date): Promise<boolean>;
  /** The platform took the digest. False when `owner` no longer holds it (its lease may have ended). */
  markSent(key: TargetKey, localDate: string, owner: string, now: Date): Promise<boolean>;
  /** The send failed for good today; its picks stay in the sent history (they may have arrived). */
  markFailed(key: TargetKey, localDate: string, owner: string, reason: string, now: Date): Promise<boolean>;
  /**
   * The platform asked to come back later: the record is removed and its picks leave the sent
   * history, so a later tick tries again. False when `owner` no longer holds it.
   */
  release(key: TargetKey, localDate: string, owner: string): Promise<boolean>;
  /** Each target's sent paper ids and delivery history, for composing digests. */
  historyOf(keys: readonly TargetKey[]): Promise<Map<TargetKey, TargetHistory>>;
  /** A target's delivery records, newest local date first. */
  recent(key: TargetKey, limit: number): Promise<Delivery[]>;
  /**
   * Every target's `failed` records whose `at` is `since` or later, newest `at` first (then by
   * key, then newest local date), at most `limit`: what an operator reads when digests did not
   * arrive. A send interrupted by a crash keeps the `at` of its claim.
   */
  failedSince(since: Date, limit: number): Promise<Delivery[]>;
  /**
   * Forgets what can no longer matter: delivery records for local dates before `deliveriesBefore`,
   * and sent papers published before `sentPublishedBefore` (too old to be picked again; papers
   * without a date are kept). Returns how many of each were removed.
   */
  prune(cutoffs: PruneCutoffs): Promise<{ deliveries: number; sent: number }>;
}

export interface TargetHistory extends DeliveryHistory {
  /** Every paper id handed (or being handed) to the target and still remembered. */
  sent: string[];
}

export interface PruneCutoffs {
  /** `YYYY-MM-DD`: records of earlier local dates go. */
  deliveriesBefore: string;
  sentPublishedBefore: Date;
}

export interface PaperRecords {
  /** Every paper, in the order first stored. */
  all(): Promise<Paper[]>;
  /** Stores papers by id, replacing a stored paper with the same id. */
  put(papers: readonly Paper[]): Promise<void>;
  count(): Promise<number>;
  /**
   * Where the papers' history stands now: hand it to `changedSince` later. Take it before reading
   * `all()`: papers stored in between are then answered again, not missed.
   */
  version(): Promise<PapersVersion>;
  /**
   * Papers stored or replaced (by any instance) after `since`, in the order they were stored or
   * last replaced, and the version they bring the caller to. How an instance learns of papers
   * another one ingested.
   */
  changedSince(since: PapersVersion): Promise<{ papers: Paper[]; version: PapersVersion }>;
  /** The stored papers with these ids, in the order asked; unknown ids are left out, a repeated id answered once. */
  get(ids: readonly string[]): Promise<Paper[]>;
  /**
   * Papers published at or after `since`, and papers without a date, in the order first stored.
   * A `publishedAt` that `Date.parse` cannot read counts as no date. `since` must be a valid Date
   * (TypeError).
   */
  since(since: Date): Promise<Paper[]>;
  /**
   * Every paper in the order first stored, at most `size` per page (size ≥ 1): how an instance builds
   * its search index without holding every paper at once. Papers stored while paging may or may not
   * be answered (take `version()` first, as with `all()`). No page is empty: an empty store answers
   * none. A size that is not a whole number ≥ 1 rejects with RangeError on the first page.
   */
  pages(size: number): AsyncIterable<Paper[]>;
  /**
   * What the search index reads of every paper (id, title, abstract, date), paged as `pages` pages
   * them: a build reads no more of the store than it keeps.
   */
  indexedPages(size: number): AsyncIterable<IndexedPaper[]>;
  /**
   * The id, title, authors and date of every paper one of whose authors has one of `families` among
   * the family names its name reads as (see authorFamilies), in the order first stored; none for no
   * family. How `/follow` counts a name's papers without reading every byline.
   */
  bylinesByFamily(families: readonly string[]): Promise<PaperByline[]>;
  /**
   * Per source (each source a paper lists counts it once): how many papers, and the newest publication
   * date (ISO) if any is dated. Sources in code-unit order. `newest` is the `publishedAt` as stored of
   * the paper published last (dates compared as instants; of papers published at the same instant,
   * the one first stored); a date `Date.parse` cannot read is ignored.
   */
  sourceSummary(): Promise<Array<{ source: string; papers: number; newest?: string }>>;
}

/**
 * Jobs that one instance at a time may run among those sharing a store (ingestion, Telegram long
 * polling): whoever holds a job runs it; the others leave it alone.
 */
export interface JobLocks {
  /**
   * Holds `job` for this instance unless another instance does: undefined then. A hold lasts until
   * released, or until this instance dies (its connection closes), so a job never stays orphaned.
   */
  tryHold(job: string): Promise<JobHold | undefined>;
}

export interface JobHold {
  /** Releasing again is harmless: it never frees a later hold of the same job. */
  release(): Promise<void>;
  /** Settles if the hold is lost without a release (the connection broke): stop the job then. */
  readonly lost: Promise<void>;
}

/**
 * The latest ingestion run of each source, for `/status`. Operational records, not user data:
 * `snapshot()`, `replaceAll()` and `counts()` leave them out, so copying a store (`paperboy store
 * import`) starts the copy without them, and a replaceAll keeps the ones the store had.
 */
export interface IngestRunRecords {
  /** Stores `run` as its source's latest, replacing the one recorded before (failed or not). */
  record(run: IngestRun): Promise<void>;
  /** The latest run of each source that has one, by source name (code-unit order). */
  latest(): Promise<IngestRun[]>;
}

/** A point in the papers' history: what one instance has seen of what every instance stored. */
export type PapersVersion = number;
