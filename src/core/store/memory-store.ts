import type { BotState, CorpusDocument } from "../state/types.js";
import type { DocumentStore, Store } from "./port.js";

/**
 * A document kept in memory, for tests and dry runs. Reads and writes copy the document, so the
 * caller can never change what is "stored" by mutating an object afterwards, just as with a file.
 */
export class MemoryDocumentStore<T> implements DocumentStore<T> {
  readonly location: string;
  #doc: T | undefined;

  constructor(name = "document", initial?: T) {
    this.location = `memory:${name}`;
    this.#doc = initial === undefined ? undefined : structuredClone(initial);
  }

  async read(): Promise<T | undefined> {
    return this.#doc === undefined ? undefined : structuredClone(this.#doc);
  }

  async write(doc: T): Promise<void> {
    this.#doc = structuredClone(doc);
  }
}

/** A Store that keeps the corpus and the bot state in memory. */
export function memoryStore(): Store {
  return {
    corpus: new MemoryDocumentStore<CorpusDocument>("corpus"),
    state: new MemoryDocumentStore<BotState>("state"),
  };
}
