import type { Reply } from "../commands/reply.js";
import type { Paper } from "../paper.js";
import type {
  Delivery,
  DeliveryHistory,
  IngestRun,
  Library,
  Profile,
  ScheduledSubscription,
  SentPaper,
  StoreCounts,
  StoreSnapshot,
  Subscription,
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
