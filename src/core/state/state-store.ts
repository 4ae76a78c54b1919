import type { DocumentStore } from "../store/port.js";
import { migrateState } from "./migrate.js";
import { mutateWithRollback } from "./rollback.js";
import type { BotState } from "./types.js";
import { emptyState } from "./types.js";

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The bot state, held in memory and persisted through a DocumentStore.
 *
 * Updates apply at once, one after the other (they are synchronous), and are then written. A burst
 * of updates shares one write; each update's promise resolves only once a write that includes its
 * change is on disk. If a write fails, the updates waiting for it reject; their changes stay in
 * memory and go to disk with the next write (or `flush()`).
 *
 * @example
 * const store = await StateStore.open(fileStore.state);
 * await store.update((state) => { delete state.subscriptions[key]; });
 */
export class StateStore {
  readonly #doc: DocumentStore<BotState>;
  readonly #state: BotState;
  #applied = 0;
  #saved = 0;
  #waiters: Waiter[] = [];
  #writing: Promise<void> | undefined;

  private constructor(doc: DocumentStore<BotState>, state: BotState) {
    this.#doc = doc;
    this.#state = state;
  }

  /** Loads and migrates the stored state; a store with nothing in it starts from emptyState(). */
  static async open(doc: DocumentStore<BotState>): Promise<StateStore> {
    const raw = await doc.read();
    const state = raw === undefined ? emptyState() : migrateState(raw, { source: doc.location });
    return new StateStore(doc, state);
  }

  /** The current state. Read it freely; change it only through `update`. */
  get state(): Readonly<BotState> {
    return this.#state;
  }

  /**
   * Applies `mutate` to the state and persists it. `mutate` must be synchronous and work on plain
   * data (no structuredClone of what it is given: it receives proxies). If it throws, the state
   * is left exactly as before, nothing is written and the error propagates.
   * Resolves with mutate's result once the change is on disk.
   */
  update<R>(mutate: (state: BotState) => R): Promise<R> {
    let result: R;
    try {
      result = mutateWithRollback(this.#state, mutate);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#applied += 1;
    return this.#persist().then(() => result);
  }

  /** Waits until every change is on disk (retrying a failed write once more); use at shutdown. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
    if (this.#saved < this.#applied) await this.#persist();
  }

  #persist(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#writing ??= this.#writeLoop();
    });
  }

  async #writeLoop(): Promise<void> {
    try {
      // Let the updates of the current synchronous burst join the first write.
      await Promise.resolve();
      while (this.#waiters.length > 0) {
        const batch = this.#waiters;
        this.#waiters = [];
        const upTo = this.#applied;
        try {
          await this.#doc.write(this.#state);
          this.#saved = Math.max(this.#saved, upTo);
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      // Cleared in the same step as the last check of #waiters, so no waiter can be left behind.
      this.#writing = undefined;
    }
  }
}
