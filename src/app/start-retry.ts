import type { Logger } from "../core/log.js";

/** The wait after the first failed try; doubled after each further one. */
export const START_RETRY_FIRST_MS = 1_000;
/** The longest wait between two tries: a platform back after an outage is found within this. */
export const START_RETRY_MAX_MS = 30_000;

/** Thrown by `startWithRetry` when shutdown began before the platform could be started. */
export class StartAborted extends Error {
  override readonly name = "StartAborted";
  constructor(platform: string) {
    super(`${platform} was not started: shutting down`);
  }
}

export interface StartRetryOptions {
  /** Named in every line, e.g. `telegram`. */
  platform: string;
  log: Logger;
  /** Aborted when shutdown begins: no further try, and the wait between tries ends. */
  signal: AbortSignal;
  /**
   * Why a failed try is worth another (the platform unreachable or failing: a network error, a
   * 5xx), safe to log: never the token. Undefined for a failure no wait can mend (a rejected token).
   */
  retryReason(error: unknown): string | undefined;
  /** Waits `ms`, or less when `signal` is aborted (tests pass a fake). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The wait after failed try number `attempt` (1, 2, …): 1 s, 2 s, 4 s, … up to 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(START_RETRY_MAX_MS, START_RETRY_FIRST_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs a platform's `start` until it succeeds. A failure `retryReason` accepts is logged as one
 * warning (platform, attempt, reason, next wait) and tried again after a backoff; any other is
 * thrown as it is. Throws StartAborted once `signal` is aborted, also when that made a try fail.
 *
 * @example
 * await startWithRetry(() => telegram.start(), { platform: "telegram", log, signal, retryReason });
 */
export async function startWithRetry(start: () => Promise<void>, options: StartRetryOptions): Promise<void> {
  const { platform, log, signal } = options;
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new StartAborted(platform);
    try {
      await start();
      if (attempt > 1) log.info({ platform, attempt }, `${platform} started after ${attempt} tries`);
      return;
    } catch (error) {
      if (signal.aborted) throw new StartAborted(platform);
      const reason = options.retryReason(error);
      if (reason === undefined) throw error;
      const waitMs = retryDelayMs(attempt);
      log.warn(
        { platform, attempt, reason, retryInMs: waitMs },
        `${platform} could not start (try ${attempt}): ${reason}; trying again in ${waitMs / 1000} s`,
      );
      await sleep(waitMs, signal);
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
