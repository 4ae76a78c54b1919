import type { BotState, CorpusDocument } from "../state/types.js";

/**
 * One typed document in storage. The lowdb file adapter implements it; so can an in-memory one
 * for tests, or a Postgres one later. `read` returns undefined when nothing is stored yet.
 */
export interface DocumentStore<T> {
  read(): Promise<T | undefined>;
  /** Atomic: after a crash the document is either the old one or the new one. */
  write(doc: T): Promise<void>;
  /** Human-readable location for messages, e.g. the file path. */
  readonly location: string;
}

/** The storage paperboy needs: the corpus and the bot state, kept apart. */
export interface Store {
  corpus: DocumentStore<CorpusDocument>;
  state: DocumentStore<BotState>;
}
