import { setImmediate } from "node:timers";

/**
 * Answers calls made at about the same time with one statement. In a fan-out, dozens of senders
 * each make two small writes per digest (`startSending`, then `markSent`); one statement and one
 * transaction each (a round trip, a plan, a commit) made 20,000 statements for 10,000 digests,
 * and that per-statement cost, not the rows changed, kept the database busy. Grouped, a round of
 * senders costs one statement.
 *
 * A call waits for the next turn of the event loop, so that every caller woken by the same I/O
 * joins it, and while a group is being written, so that all that came meanwhile go together.
 * A call on a record that the waiting group already holds waits for the group after it: a group
 * holds each record once, and calls on one record are written in the order made. `write` answers
 * each call of a group, in order; if it fails, every call of the group rejects with its error.
 *
 * All the groups of one store go through one `lane`, one at a time, so two of them never wait for
 * each other's row locks (whatever order their statements lock rows in, they cannot deadlock).
 */
export class CallGroups<C, R> {
  #waiting: Waiting<C, R>[] = [];
  #busy = false;

  constructor(
    private readonly lane: Lane,
    private readonly recordOf: (call: C) => string,
    private readonly write: (calls: C[]) => Promise<R[]>,
  ) {}

  call(call: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const record = this.recordOf(call);
      let group = this.#waiting.at(-1);
      if (!group || group.records.has(record))
        this.#waiting.push((group = { calls: [], records: new Set() }));
      group.calls.push({ call, resolve, reject });
      group.records.add(record);
      this.#schedule();
    });
  }

  /** The next group goes out on the next turn of the event loop, unless one is being written. */
  #schedule(): void {
    if (this.#busy) return;
    this.#busy = true;
    void this.lane.run(async () => {
      await nextTurn();
      await this.#writeNext();
      this.#busy = false;
      if (this.#waiting.length > 0) this.#schedule();
    });
  }

  async #writeNext(): Promise<void> {
    const group = this.#waiting.shift();
    if (!group) return;
    try {
      const answers = await this.write(group.calls.map((pending) => pending.call));
      group.calls.forEach((pending, index) => pending.resolve(answers[index] as R));
    } catch (error) {
      for (const pending of group.calls) pending.reject(error);
    }
  }
}

interface Waiting<C, R> {
  calls: { call: C; resolve: (answer: R) => void; reject: (error: unknown) => void }[];
  records: Set<string>;
}

/** Runs its tasks one at a time, in the order given; a task's failure does not stop the next. */
export class Lane {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => {});
    return result;
  }

  /** Resolves once every task given, and every task those gave, is done: for `close()`. */
  async idle(): Promise<void> {
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return;
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
