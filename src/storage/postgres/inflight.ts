/**
 * Tracks the operations under way on a Db so that `close()` can wait for them (a write already
 * sent must finish, not be cut off) and refuse new ones.
 */
export class Inflight {
  readonly #pending = new Set<Promise<unknown>>();
  #closing: Promise<void> | undefined;

  constructor(private readonly location: string) {}

  /** Starts `operation` unless the Db is closing. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closing)
      return Promise.reject(new Error(`The database connection to ${this.location} is closed.`));
    const promise = operation();
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return promise;
  }

  /** Refuses new operations, waits for those under way, then runs `release` once. */
  close(release: () => Promise<void>): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#pending.size > 0) await Promise.all(this.#pending);
      await release();
    })();
    return this.#closing;
  }
}
