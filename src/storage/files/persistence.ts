import type { TargetKey } from "../../core/target.js";
import type { PaperList, ShardKind } from "./record-data.js";

/** A shard's content as written: target key → record, in a null-prototype object. */
export type ShardDocument = Record<TargetKey, unknown>;

/** One shard a change touches. */
export interface ShardWrite {
  kind: ShardKind;
  shard: number;
  /** The shard with the change applied: what to write. */
  after(): ShardDocument;
  /** The shard as it was: what to put back if another part of the change could not be written. */
  before(): ShardDocument;
}

/** Everything one change touches. */
export interface Commit {
  shards: ShardWrite[];
  /** The whole corpus after the change, when papers changed. */
  papers?: PaperList;
}

/**
 * Where the record engine keeps its changes: files in DATA_DIR, or nowhere (the memory store).
 * The engine applies a change to memory only once `save` has resolved.
 */
export interface Persistence {
  readonly location: string;
  /** Resolves once every part of the change is durable; rejects with StoreWriteError otherwise. */
  save(commit: Commit): Promise<void>;
  /** Called once, after the last save: releases files and the data folder's lock. */
  close(): Promise<void>;
}

/** Keeps nothing: for tests and dry runs. */
export function memoryPersistence(location = "memory"): Persistence {
  return {
    location,
    save: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
