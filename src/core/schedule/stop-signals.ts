/**
 * How a fan-out learns that the process is shutting down. Two moments, because a digest being
 * handed to the platform deserves a moment to finish while nothing new should start at all.
 */
export interface StopSignals {
  /** Aborted when shutdown begins: nothing more is claimed or sent; claimed digests are released. */
  readonly stopping: AbortSignal;
  /**
   * Aborted when sends still in flight are given up: each is recorded `failed`, since it may have
   * reached the chat (at most once beats twice), and the fan-out ends.
   */
  readonly cutoff: AbortSignal;
}

/**
 * Settles like `work`, unless `signal` is aborted first (or already is): then with `aborted`.
 * `work` itself goes on; only the wait for it ends.
 */
export function unlessAborted<T, U>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  aborted: U,
): Promise<T | U> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(aborted);
  return new Promise<T | U>((resolve, reject) => {
    const onAbort = () => resolve(aborted);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
