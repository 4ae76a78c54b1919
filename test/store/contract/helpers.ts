import type { Reply } from "../../../src/core/commands/reply.js";
import type { Paper } from "../../../src/core/paper.js";
import type {
  Delivery,
  Library,
  LibraryPaper,
  Profile,
  SentPaper,
  Subscription,
} from "../../../src/core/records.js";
import type { Lease, NewClaim, Store } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";

/** What a runner hands the contract suite for one case: a fresh store over fresh, empty storage. */
export interface OpenedStore {
  store: Store;
  /**
   * Closes the store and opens the same storage again, to check that what was stored survives a
   * restart. Absent for the in-memory store.
   */
  reopen?: () => Promise<Store>;
  /**
   * Opens a second store on the same storage, live beside the first, as another running instance
   * would (Postgres). Absent where one instance owns the storage (files, memory).
   */
  another?: () => Promise<Store>;
  /**
   * Makes the next write that reaches the storage fail, as a full disk or a lost connection would
   * (once: the write after it succeeds). Absent where storage cannot fail (memory).
   */
  failNextWrite?: () => void;
  /** Closes every store opened for the case (`reopen`'s and `another`'s too) and removes its storage. */
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** Run the "survives close and reopen" cases (needs `reopen`). */
  durable?: boolean;
  /** Run the "several instances on one storage" cases (needs `another`). */
  shared?: boolean;
  /** Run the "a write that fails changes nothing" cases (needs `failNextWrite`). */
  failable?: boolean;
}

/** The running case's store, as the case files see it. */
export interface StoreHandle {
  /** The store of the running case: the one `reopen()` returned last, if it was called. */
  readonly store: Store;
  /** Closes the store and opens the same storage again; fails the case when the runner cannot. */
  reopen(): Promise<Store>;
  /** A second store on the same storage; fails the case when the runner cannot open one. */
  another(): Promise<Store>;
  /**
   * Another store over fresh, empty storage of its own (the runner's opener called again), as a
   * second deployment would have; cleaned up with the case.
   */
  fresh(): Promise<Store>;
  /** Makes the running case's next write to storage fail; fails the case when the runner cannot. */
  failNextWrite(): void;
}

export const ada: TargetKey = "discord:user:100";
export const lab: TargetKey = "telegram:channel:-1002003";
export const bob: TargetKey = "console:user:bob";

/** Fixed instants: no case reads the real clock. */
export const t0 = new Date("2024-03-10T07:00:00.000Z");

export function minutesAfter(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}

export function leaseOf(owner: string, until: Date): Lease {
  return { owner, until };
}

/** A lease held by `owner` for ten minutes from `now`. */
export function tenMinutes(owner: string, now: Date = t0): Lease {
  return leaseOf(owner, minutesAfter(now, 10));
}

export function aProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    interests: ["graph neural networks", "few-shot learning"],
    liked: ["2401.00001"],
    disliked: ["2401.00002"],
    updatedAt: t0.toISOString(),
    ...overrides,
  };
}

export function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    time: "08:30",
    timezone: "Europe/Paris",
    days: "weekdays",
    count: 5,
    quietNote: true,
    chatId: "100",
    ownerId: "100",
    createdAt: "2024-03-01T12:00:00.000Z",
    ...overrides,
  };
}

/** A library paper with every field; `overrides` may set optional ones to undefined to drop them. */
export function aLibraryPaper(overrides: Partial<LibraryPaper> = {}): LibraryPaper {
  const paper: LibraryPaper = {
    title: "Graph attention networks",
    abstract: "We present graph attention networks (GATs), novel neural network architectures…",
    authors: ["Petar Veličković", "Guillem Cucurull"],
    year: 2018,
    arxivId: "1710.10903",
    doi: "10.48550/arxiv.1710.10903",
    ...overrides,
  };
  for (const field of ["abstract", "year", "arxivId", "doi"] as const) {
    if (paper[field] === undefined) delete paper[field];
  }
  return paper;
}

/**
 * A library as an import leaves it: newest first, one paper with every field, one known only by
 * its arXiv id (empty title, no authors' names), one with a DOI but no abstract.
 */
export function aLibrary(overrides: Partial<Library> = {}): Library {
  return {
    importedAt: t0.toISOString(),
    papers: [
      aLibraryPaper({
        title: "",
        authors: [],
        abstract: undefined,
        year: undefined,
        doi: undefined,
        arxivId: "2403.01234",
      }),
      aLibraryPaper(),
      aLibraryPaper({
        title: "Semi-supervised classification with graph convolutional networks",
        authors: ["Thomas N. Kipf", "Max Welling"],
        year: 2017,
        abstract: undefined,
        arxivId: undefined,
        doi: "10.5555/gcn",
      }),
    ],
    ...overrides,
  };
}

/** A digest reply with nested cards and buttons, so storing it must keep its whole shape. */
export function aReply(title = "Your papers for today"): Reply {
  return {
    kind: "papers",
    title,
    lines: ["Three papers matched your interests."],
    cards: [
      {
        id: "2403.00001",
        title: "Message passing, revisited",
        url: "https://arxiv.org/abs/2403.00001",
        authors: ["A. Lovelace", "C. Babbage"],
        excerpt: "We revisit message passing…",
        score: 0.5,
        why: "matches your interest “graph neural networks”",
        matched: ["graph", "message"],
        buttons: [{ label: "Like", action: "like:2403.00001", style: "success" }],
      },
    ],
    buttons: [],
    footer: "Reply /stop to unsubscribe",
  };
}

export function sent(id: string, publishedAt?: string): SentPaper {
  return publishedAt === undefined ? { id } : { id, publishedAt };
}

export function aClaim(key: TargetKey, localDate: string, overrides: Partial<NewClaim> = {}): NewClaim {
  return {
    key,
    localDate,
    papers: [sent("2403.00001", "2024-03-08T00:00:00.000Z"), sent("2403.00002")],
    reply: aReply(),
    chatId: "chat-" + key,
    late: false,
    ...overrides,
  };
}

/** The record `claim` must write for `claim` under `lease` at `now`. */
export function claimedRecord(claim: NewClaim, lease: Lease, now: Date): Delivery {
  return {
    key: claim.key,
    localDate: claim.localDate,
    status: "claimed",
    at: now.toISOString(),
    paperIds: claim.papers.map((paper) => paper.id),
    sentIds: [],
    late: claim.late,
    owner: lease.owner,
    leaseUntil: lease.until.toISOString(),
    reply: claim.reply,
    chatId: claim.chatId,
  };
}

export function aPaper(id: string, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: `The abstract of ${id}.`,
    authors: ["A. Lovelace"],
    publishedAt: "2024-03-08T00:00:00.000Z",
    url: `https://arxiv.org/abs/${id}`,
    categories: ["cs.LG"],
    sources: ["arxiv"],
    ...overrides,
  };
}

/** The target's record for one local date, or undefined. */
export async function recordOf(
  store: Store,
  key: TargetKey,
  localDate: string,
): Promise<Delivery | undefined> {
  const records = await store.deliveries.recent(key, 1000);
  return records.find((record) => record.localDate === localDate);
}

/** The paper ids remembered as sent to `key`, oldest first. */
export async function sentIdsOf(store: Store, key: TargetKey): Promise<string[]> {
  const history = await store.deliveries.historyOf([key]);
  return history.get(key)?.sent ?? [];
}

/** Claims one digest for `owner` at `now` and checks that it was claimed. */
export async function claimOne(store: Store, claim: NewClaim, lease: Lease, now: Date = t0): Promise<void> {
  const claimed = await store.deliveries.claim([claim], lease, now);
  if (!claimed.has(claim.key)) throw new Error(`setup: ${claim.key} ${claim.localDate} was not claimed`);
}

/** Claims, starts sending and marks sent one digest, the way a delivery tick does. */
export async function deliverOne(store: Store, claim: NewClaim, owner: string, sentAt: Date): Promise<void> {
  const lease = tenMinutes(owner, sentAt);
  await claimOne(store, claim, lease, sentAt);
  if (!(await store.deliveries.startSending(claim.key, claim.localDate, lease, sentAt))) {
    throw new Error(`setup: could not start sending ${claim.key} ${claim.localDate}`);
  }
  if (!(await store.deliveries.markSent(claim.key, claim.localDate, owner, sentAt))) {
    throw new Error(`setup: could not mark ${claim.key} ${claim.localDate} sent`);
  }
}
