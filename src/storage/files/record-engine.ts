import { StoreReadOnlyError } from "../../core/store/errors.js";
import type { Persistence } from "./persistence.js";
import type { RecordData } from "./record-data.js";
import { Transaction } from "./transaction.js";

/** What a change touches: each lane's changes run one batch at a time. */
export type Lane =
  "profiles" | "subscriptions" | "deliveries" | "libraries" | "reading-lists" | "votes" | "papers";
export const ALL_LANES: readonly Lane[] = [
  "profiles",
  "subscriptions",
  "deliveries",
  "libraries",
  "reading-lists",
  "votes",
  "papers",
];

interface Job {
  lanes: readonly Lane[];
  change: (tx: Transaction) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The records of a store, in memory, and the one path by which they change.
 *
 * Each change names the lanes (kinds of record) it touches. A lane runs one batch at a time, and
 * a batch is every change waiting in the lane when it starts (a group commit): the changes run one
 * after the other on one Transaction, each seeing the ones before it, and are saved together, so
 * 30 likes arriving at once cost one write, and a fan-out's many delivery updates do not queue a
 * 👍 behind them (different lanes run side by side). A change spanning lanes (replaceAll) waits for
 * all of them and runs alone.
 *
 * Nothing reaches memory before the persistence has saved it: if the save fails, every change of
 * the batch rejects with its error and memory is exactly as it was. A change that throws is rolled
 * back alone; the rest of its batch is saved. Reads are answered from memory at once: they see
 * every change whose promise has resolved.
 */
export class RecordEngine {
  readonly #data: RecordData;
  readonly #persistence: Persistence;
  readonly #readOnly: boolean;
  readonly #queues = new Map<Lane, Job[]>(ALL_LANES.map((lane) => [lane, []]));
  readonly #busy = new Set<Lane>();
  #pumpScheduled = false;
  #unfinished = 0;
  #drained: Array<() => void> = [];
  #closing: Promise<void> | undefined;

  constructor(data: RecordData, persistence: Persistence, options: { readOnly?: boolean } = {}) {
    this.#data = data;
    this.#persistence = persistence;
    this.#readOnly = options.readOnly ?? false;
  }

  get location(): string {
    return this.#persistence.location;
  }

  /** Answers from the stored records; `answer` must copy whatever it hands out. */
  read<R>(answer: (data: RecordData) => R): Promise<R> {
    if (this.#closing) return Promise.reject(this.#closedError());
    try {
      return Promise.resolve(answer(this.#data));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Runs `change` on a transaction once the changes queued before it in its lanes are done, saves
   * what it staged and applies it. If `change` throws, nothing of it is saved and the error
   * propagates. `change` must be synchronous.
   */
  write<R>(lanes: Lane | readonly Lane[], change: (tx: Transaction) => R): Promise<R> {
    if (this.#closing) return Promise.reject(this.#closedError());
    if (this.#readOnly) return Promise.reject(new StoreReadOnlyError(this.location));
    return new Promise<R>((resolve, reject) => {
      const job: Job = {
        lanes: typeof lanes === "string" ? [lanes] : lanes,
        change,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      for (const lane of job.lanes) this.#queue(lane).push(job);
      this.#unfinished += 1;
      this.#schedulePump();
    });
  }

  /** Lets queued changes finish, then releases the persistence. Safe to call again. */
  close(): Promise<void> {
    this.#closing ??= this.#whenDrained().then(() => this.#persistence.close());
    return this.#closing;
  }

  // A synchronous burst of calls (a loop of updates) joins one batch: the pump runs after it.
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    for (const lane of ALL_LANES) {
      if (this.#busy.has(lane)) continue;
      const queue = this.#queue(lane);
      const head = queue[0];
      if (!head) continue;
      if (head.lanes.length === 1) {
        let count = 0;
        while (count < queue.length && queue[count]?.lanes.length === 1) count += 1;
        this.#start([lane], queue.splice(0, count));
      } else if (head.lanes.every((other) => !this.#busy.has(other) && this.#queue(other)[0] === head)) {
        for (const other of head.lanes) this.#queue(other).shift();
        this.#start(head.lanes, [head]);
      }
    }
  }

  #start(lanes: readonly Lane[], batch: Job[]): void {
    for (const lane of lanes) this.#busy.add(lane);
    void this.#runBatch(batch).finally(() => {
      for (const lane of lanes) this.#busy.delete(lane);
      this.#unfinished -= batch.length;
      if (this.#unfinished === 0) for (const resolve of this.#drained.splice(0)) resolve();
      this.#pump();
    });
  }

  async #runBatch(batch: readonly Job[]): Promise<void> {
    const tx = new Transaction(this.#data);
    const outcomes = batch.map((job): Outcome => {
      try {
        return { ok: true, value: tx.run(job.change) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    const commit = tx.commit();
    let saveError: { error: unknown } | undefined;
    if (commit) {
      try {
        await this.#persistence.save(commit);
        tx.apply();
      } catch (error) {
        saveError = { error };
      }
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index];
      if (!outcome?.ok) job.reject(outcome?.error);
      else if (saveError) job.reject(saveError.error);
      else job.resolve(outcome.value);
    });
  }

  #queue(lane: Lane): Job[] {
    const queue = this.#queues.get(lane);
    if (!queue) throw new RangeError(`No lane ${lane}.`);
    return queue;
  }

  #whenDrained(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  #closedError(): Error {
    return new Error(`The store at ${this.location} is closed.`);
  }
}
