import type { Paper } from "../../core/paper.js";
import type { CastVote, Delivery, Library, Profile, SavedPaper, Subscription } from "../../core/records.js";
import type { TargetKey } from "../../core/target.js";
import type { SentList } from "./sent-papers.js";
import { SHARD_COUNTS, shardOf } from "./shard-hash.js";

/** A delivery as kept under its target: the key is the map's, so it is not repeated in each record. */
export type StoredDelivery = Omit<Delivery, "key">;

/** Everything kept for one target's deliveries, in memory as in its shard file. */
export interface TargetLog {
  /** Oldest local date first, one record per local date. */
  log: StoredDelivery[];
  /** The papers sent, in the order first sent, with their publication dates. */
  sent: SentList;
}

/** The kinds of record kept in shards, each in `state/<kind>/<shard>.json` (see data-layout.ts). */
export type ShardKind = "profiles" | "subscriptions" | "deliveries" | "libraries" | "reading-lists" | "votes";
export const SHARD_KINDS: readonly ShardKind[] = [
  "profiles",
  "subscriptions",
  "deliveries",
  "libraries",
  "reading-lists",
  "votes",
];

/**
 * Records of one kind, keyed by target and grouped by shard, so that a shard's file can be
 * rebuilt from its group alone. Values are never mutated once stored: a change stores a new object.
 */
export class ShardedRecords<V> {
  readonly kind: ShardKind;
  readonly #shards: Map<TargetKey, V>[];
  readonly #onSet: ((key: TargetKey, value: V | undefined) => void) | undefined;
  #size = 0;

  /** `onSet` sees every store and removal: how an index over the records is kept up to date. */
  constructor(kind: ShardKind, onSet?: (key: TargetKey, value: V | undefined) => void) {
    this.kind = kind;
    this.#shards = Array.from({ length: SHARD_COUNTS[kind] }, () => new Map());
    this.#onSet = onSet;
  }

  /** How many shards the records are spread over. */
  get shardCount(): number {
    return this.#shards.length;
  }

  /** The shard `key` belongs in. */
  shardOf(key: TargetKey): number {
    return shardOf(key, this.kind);
  }

  get size(): number {
    return this.#size;
  }

  get(key: TargetKey): V | undefined {
    return this.shard(this.shardOf(key)).get(key);
  }

  /** Stores `value`, or removes the key when it is undefined. */
  set(key: TargetKey, value: V | undefined): void {
    const shard = this.shard(this.shardOf(key));
    const had = shard.has(key);
    if (value === undefined) {
      if (had) this.#size -= 1;
      shard.delete(key);
    } else {
      if (!had) this.#size += 1;
      shard.set(key, value);
    }
    this.#onSet?.(key, value);
  }

  shard(index: number): Map<TargetKey, V> {
    const shard = this.#shards[index];
    if (!shard) throw new RangeError(`No shard ${index}.`);
    return shard;
  }

  *entries(): IterableIterator<[TargetKey, V]> {
    for (const shard of this.#shards) yield* shard;
  }
}

/** Every record a store holds, in memory. */
export interface RecordData {
  profiles: ShardedRecords<Profile>;
  subscriptions: ShardedRecords<Subscription>;
  deliveries: ShardedRecords<TargetLog>;
  /** Imported libraries: their own kind, so a 👍 (a profile shard) never rewrites one. */
  libraries: ShardedRecords<Library>;
  /** Each target's reading list, newest first (see readingListOrder); a target without one is absent. */
  readingLists: ShardedRecords<SavedPaper[]>;
  /** Each target's votes, by paper id then member (see voteOrder); a target without any is absent. */
  votes: ShardedRecords<CastVote[]>;
  /**
   * The targets with a claimed or sending record, kept by `deliveries`: takeOver looks at these
   * only, instead of every record of every target at every tick (300,000 at 10,000 users).
   */
  liveTargets: ReadonlySet<TargetKey>;
  papers: PaperList;
}

/**
 * The corpus, in first-stored order, with each id's position. Each paper also carries the sequence
 * number of its last store (`stamps`, aligned with `list`): `version` is the latest one, so
 * changedSince(v) answers the papers stamped after v. Stamps count from 0 at each open: a version
 * means something only to the process that got it, and one file store serves one process.
 */
export interface PaperList {
  list: Paper[];
  positions: Map<string, number>;
  stamps: number[];
  version: number;
}

export function emptyRecordData(): RecordData {
  const liveTargets = new Set<TargetKey>();
  const deliveries = new ShardedRecords<TargetLog>("deliveries", (key, target) => {
    if (target && hasLiveRecord(target)) liveTargets.add(key);
    else liveTargets.delete(key);
  });
  return {
    profiles: new ShardedRecords("profiles"),
    subscriptions: new ShardedRecords("subscriptions"),
    deliveries,
    libraries: new ShardedRecords("libraries"),
    readingLists: new ShardedRecords("reading-lists"),
    votes: new ShardedRecords("votes"),
    liveTargets,
    papers: { list: [], positions: new Map(), stamps: [], version: 0 },
  };
}

/** What writing a kind's files needs of its records: each shard's. */
export interface ShardsOfKind {
  shard(index: number): ReadonlyMap<TargetKey, unknown>;
}

/** The records of one kind: RecordData names its fields for the code, the kinds for the folders. */
export function recordsOfKind(data: RecordData, kind: ShardKind): ShardsOfKind {
  switch (kind) {
    case "profiles":
      return data.profiles;
    case "subscriptions":
      return data.subscriptions;
    case "deliveries":
      return data.deliveries;
    case "libraries":
      return data.libraries;
    case "reading-lists":
      return data.readingLists;
    case "votes":
      return data.votes;
  }
}

/** Whether some record of the target is claimed or being sent: held under a lease. */
export function hasLiveRecord(target: TargetLog): boolean {
  return target.log.some((record) => record.status === "claimed" || record.status === "sending");
}

/**
 * The paper list after storing `papers` over `current` (not changed): a known id keeps its position
 * and takes the new content; each stored paper gets the next stamp.
 */
export function withPapers(current: PaperList, papers: readonly Paper[]): PaperList {
  const list = [...current.list];
  const stamps = [...current.stamps];
  let version = current.version;
  // New ids only: the current positions are shared until the change is applied, never edited.
  const added = new Map<string, number>();
  for (const paper of papers) {
    let at = current.positions.get(paper.id) ?? added.get(paper.id);
    if (at === undefined) {
      at = list.length;
      added.set(paper.id, at);
    }
    list[at] = paper;
    stamps[at] = ++version;
  }
  let positions = current.positions;
  if (added.size > 0) {
    positions = new Map(positions);
    for (const [id, at] of added) positions.set(id, at);
  }
  return { list, positions, stamps, version };
}
