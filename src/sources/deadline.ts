import { DeadlineExceededError } from "./errors.js";
import type { FetchPapersOptions } from "./port.js";

/** When a source's run must be over. */
export interface RunDeadline {
  /** Milliseconds since the epoch. */
  at: number;
  /** The run's whole budget, for messages ("this run's 5 min deadline"). */
  budgetMs: number;
}

/** INGEST_TIMEOUT's default: each source's run, retries and waits included, ends within it. */
export const DEFAULT_INGEST_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs one source's fetch with a deadline for the whole run: `run` gets a signal that aborts when
 * the deadline passes (or when the caller's does) and the deadline itself, for requests to weigh
 * a Retry-After against. A run cut by the deadline rejects with DeadlineExceededError.
 * Without `budgetMs`, `run` gets the options as they are.
 *
 * @example return withinDeadline(options, this.options.deadlineMs, (run) => this.fetchAll(run));
 */
export async function withinDeadline<T>(
  options: FetchPapersOptions,
  budgetMs: number | undefined,
  run: (bounded: FetchPapersOptions) => Promise<T>,
): Promise<T> {
  if (budgetMs === undefined) return run(options);
  const own: RunDeadline = { at: Date.now() + budgetMs, budgetMs };
  const deadline = options.deadline && options.deadline.at < own.at ? options.deadline : own;
  const controller = new AbortController();
  // A timer rather than AbortSignal.timeout, so the reason says which deadline passed.
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceededError(deadline.budgetMs)),
    deadline.at - Date.now(),
  );
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  try {
    return await run({ ...options, signal, deadline });
  } catch (error) {
    if (error instanceof DeadlineExceededError || options.signal?.aborted) throw error;
    // Whatever a request threw once cut (an abort, a broken stream), the deadline is the reason.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
