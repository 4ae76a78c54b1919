import type { CastVote, Library, Profile, SavedPaper, Subscription } from "../../core/records.js";
import type { TargetKey } from "../../core/target.js";
import type { Commit, ShardDocument, ShardWrite } from "./persistence.js";
import type { PaperList, RecordData, ShardedRecords, TargetLog } from "./record-data.js";

/** Puts a staged value back as it was; run newest first. */
type Undo = () => void;

/**
 * Changes of one kind staged by a transaction, grouped by shard, over the stored records: reads see
 * the staged value first. Nothing reaches the stored records before apply().
 */
export class StagedRecords<V> {
  readonly #base: ShardedRecords<V>;
  readonly #changes = new Map<number, Map<TargetKey, V | undefined>>();
  readonly #journal: Undo[];

  constructor(base: ShardedRecords<V>, journal: Undo[]) {
    this.#base = base;
    this.#journal = journal;
  }

  get(key: TargetKey): V | undefined {
    const staged = this.#changes.get(this.#base.shardOf(key));
    if (staged?.has(key)) return staged.get(key);
    return this.#base.get(key);
  }

  /** Stages a new value (a new object: stored values are never mutated), or a removal. */
  set(key: TargetKey, value: V | undefined): void {
    const shard = this.#base.shardOf(key);
    let staged = this.#changes.get(shard);
    if (!staged) this.#changes.set(shard, (staged = new Map()));
    const changes = staged;
    const had = changes.has(key);
    const before = changes.get(key);
    this.#journal.push(() => {
      if (had) changes.set(key, before);
      else changes.delete(key);
      if (changes.size === 0) this.#changes.delete(shard);
    });
    changes.set(key, value);
  }

  /** Every record of this kind as the transaction sees it (staged changes included), for scans. */
  current(): Array<[TargetKey, V]> {
    const records: Array<[TargetKey, V]> = [];
    for (let shard = 0; shard < this.#base.shardCount; shard++) {
      const stored = this.#base.shard(shard);
      const staged = this.#changes.get(shard);
      for (const [key, value] of stored) {
        const current = staged?.has(key) ? staged.get(key) : value;
        if (current !== undefined) records.push([key, current]);
      }
      for (const [key, value] of staged ?? []) {
        if (value !== undefined && !stored.has(key)) records.push([key, value]);
      }
    }
    return records;
  }

  /** The keys this transaction changed. */
  changedKeys(): TargetKey[] {
    return [...this.#changes.values()].flatMap((staged) => [...staged.keys()]);
  }

  writes(): ShardWrite[] {
    return [...this.#changes.keys()].map((shard) => ({
      kind: this.#base.kind,
      shard,
      after: () => this.#document(shard, true),
      before: () => this.#document(shard, false),
    }));
  }

  apply(): void {
    for (const staged of this.#changes.values()) {
      for (const [key, value] of staged) this.#base.set(key, value);
    }
  }

  #document(shard: number, withChanges: boolean): ShardDocument {
    const doc = Object.create(null) as ShardDocument;
    const stored = this.#base.shard(shard);
    const staged = withChanges ? this.#changes.get(shard) : undefined;
    for (const [key, value] of stored) {
      const current = staged?.has(key) ? staged.get(key) : value;
      if (current !== undefined) doc[key] = current;
    }
    for (const [key, value] of staged ?? []) {
      if (value !== undefined && !stored.has(key)) doc[key] = value;
    }
    return doc;
  }
}

/**
 * Changes to a store, staged over its records, then saved, then applied to memory. Several jobs
 * may share one transaction (a group commit): each runs between begin() and end(), and a job that
 * throws is rolled back alone, so the others' changes are saved without any part of it.
 */
export class Transaction {
  readonly profiles: StagedRecords<Profile>;
  readonly subscriptions: StagedRecords<Subscription>;
  readonly deliveries: StagedRecords<TargetLog>;
  readonly libraries: StagedRecords<Library>;
  readonly readingLists: StagedRecords<SavedPaper[]>;
  readonly votes: StagedRecords<CastVote[]>;
  readonly #data: RecordData;
  readonly #journal: Undo[] = [];
  #papers: PaperList | undefined;

  constructor(data: RecordData) {
    this.#data = data;
    this.profiles = new StagedRecords(data.profiles, this.#journal);
    this.subscriptions = new StagedRecords(data.subscriptions, this.#journal);
    this.deliveries = new StagedRecords(data.deliveries, this.#journal);
    this.libraries = new StagedRecords(data.libraries, this.#journal);
    this.readingLists = new StagedRecords(data.readingLists, this.#journal);
    this.votes = new StagedRecords(data.votes, this.#journal);
  }

  /** Targets that may hold a claimed or sending record, as the transaction sees them. */
  liveDeliveryKeys(): TargetKey[] {
    return [...new Set([...this.#data.liveTargets, ...this.deliveries.changedKeys()])];
  }

  /** The corpus as this transaction sees it: staged, or stored. */
  get currentPapers(): PaperList {
    return this.#papers ?? this.#data.papers;
  }

  /** Stages a new corpus. */
  set papers(papers: PaperList) {
    const before = this.#papers;
    this.#journal.push(() => (this.#papers = before));
    this.#papers = papers;
  }

  /** Runs one job's change; if it throws, what it staged is undone and the error propagates. */
  run<R>(change: (tx: Transaction) => R): R {
    const mark = this.#journal.length;
    try {
      return change(this);
    } catch (error) {
      for (const undo of this.#journal.splice(mark).reverse()) undo();
      throw error;
    }
  }

  /** What to save, or undefined when nothing changed. */
  commit(): Commit | undefined {
    const shards = [
      ...this.profiles.writes(),
      ...this.subscriptions.writes(),
      ...this.deliveries.writes(),
      ...this.libraries.writes(),
      ...this.readingLists.writes(),
      ...this.votes.writes(),
    ];
    if (shards.length === 0 && !this.#papers) return undefined;
    return this.#papers ? { shards, papers: this.#papers } : { shards };
  }

  apply(): void {
    this.profiles.apply();
    this.subscriptions.apply();
    this.deliveries.apply();
    this.libraries.apply();
    this.readingLists.apply();
    this.votes.apply();
    if (this.#papers) this.#data.papers = this.#papers;
  }
}
