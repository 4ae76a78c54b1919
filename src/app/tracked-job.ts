/** A job whose run under way can be seen and waited for. */
export interface TrackedJob<A extends unknown[]> {
  run(...args: A): Promise<void>;
  /** Whether a run is under way. */
  running(): boolean;
  /** Resolves once no run is under way (never rejects). */
  idle(): Promise<void>;
}

/**
 * Wraps `job` so that a shutdown can wait for the scheduler's delivery tick without also waiting
 * for an ingestion that may fetch for minutes. Runs are expected not to overlap (the scheduler
 * guarantees it); `idle()` follows the latest.
 */
export function trackRuns<A extends unknown[]>(job: (...args: A) => Promise<void>): TrackedJob<A> {
  let current: Promise<void> | undefined;
  return {
    run: (...args) => {
      const run: Promise<void> = job(...args).finally(() => {
        if (current === run) current = undefined;
      });
      current = run;
      return run;
    },
    running: () => current !== undefined,
    idle: () => (current ?? Promise.resolve()).catch(() => undefined),
  };
}
