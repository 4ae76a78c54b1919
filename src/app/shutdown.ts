import { constants } from "node:os";
import type { Logger } from "../core/log.js";
import type { StopSignals } from "../core/schedule/stop-signals.js";

/**
 * How long a shutdown may take before the process exits regardless. Container runtimes kill a
 * process some seconds after asking it to stop (Docker: 10 s), so this stays well below that.
 */
export const SHUTDOWN_DEADLINE_MS = 5_000;
/**
 * How long platform calls under way when shutdown begins (a digest being sent, a reply) get to
 * finish before they are cut short: about half the deadline, leaving time to record and close.
 */
export const SHUTDOWN_GRACE_MS = 2_500;

export interface Shutdown extends StopSignals {
  /** Begins shutting down, once: `stopping` is aborted now, `cutoff` after the grace period. */
  begin(reason: string): void;
  /** Cuts platform calls short now: when nothing under way is worth waiting for (start-up). */
  cutNow(): void;
  /** Resolves when shutdown has begun. */
  readonly begun: Promise<void>;
  /** Milliseconds since shutdown began (0 before). */
  elapsedMs(): number;
  /**
   * Follows `work`, a named part of starting or stopping, so that the deadline's warning names
   * what still ran. Settles like `work`.
   */
  during<T>(name: string, work: Promise<T>): Promise<T>;
  /** Everything stopped: the deadline no longer applies. */
  finish(): void;
}

export interface ShutdownOptions {
  log: Logger;
  /** Ends the process with `code` (the deadline's way out). */
  exit(code: number): void;
  deadlineMs?: number;
  graceMs?: number;
  now?: () => number;
}

/**
 * One shutdown for the whole process. Whatever begins it (a signal, a failed start, a fatal
 * polling error), the same happens: `stopping` tells every part to take no new work, `cutoff`
 * (after the grace period) aborts platform calls still under way, and if the process has not
 * finished stopping after the deadline it exits anyway, with a warning naming what still ran.
 *
 * @example
 * const shutdown = createShutdown({ log, exit: (code) => process.exit(code) });
 * exitOnSignals(shutdown, log, (code) => process.exit(code));
 * await shutdown.begun;
 */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { log } = options;
  const now = options.now ?? Date.now;
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const stopping = new AbortController();
  const cutoff = new AbortController();
  const running = new Map<number, string>();
  let nextId = 0;
  let begunAt: number | undefined;
  let timers: NodeJS.Timeout[] = [];
  let markBegun: () => void = () => {};
  const begun = new Promise<void>((resolve) => (markBegun = resolve));

  const onDeadline = () => {
    const parts = [...new Set(running.values())];
    const still = parts.length > 0 ? parts.join(", ") : "nothing known";
    log.warn(
      { stillRunning: parts, deadlineMs },
      `shutdown did not finish within ${deadlineMs / 1000} s; exiting anyway (still running: ${still})`,
    );
    options.exit(1);
  };

  return {
    stopping: stopping.signal,
    cutoff: cutoff.signal,
    begun,
    begin(reason) {
      if (begunAt !== undefined) return;
      begunAt = now();
      log.info({ reason }, "shutting down");
      timers = [setTimeout(() => cutoff.abort(), graceMs), setTimeout(onDeadline, deadlineMs)];
      stopping.abort();
      markBegun();
    },
    cutNow() {
      cutoff.abort();
    },
    elapsedMs: () => (begunAt === undefined ? 0 : now() - begunAt),
    during(name, work) {
      const id = nextId++;
      running.set(id, name);
      return work.finally(() => running.delete(id));
    },
    finish() {
      for (const timer of timers) clearTimeout(timer);
      timers = [];
    },
  };
}

/**
 * SIGTERM and SIGINT begin `shutdown`; a second one exits at once (128 + its number, as a shell
 * reports a process ended by it), for an operator who will not wait. Returns how to stop listening.
 */
export function exitOnSignals(
  shutdown: Pick<Shutdown, "begin">,
  log: Logger,
  exit: (code: number) => void,
  target: Pick<NodeJS.Process, "on" | "off"> = process,
): () => void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      log.warn({ signal }, `${signal} again: exiting now, without finishing the shutdown`);
      exit(128 + (constants.signals[signal] ?? 0));
      return;
    }
    received = true;
    shutdown.begin(signal);
  };
  target.on("SIGTERM", onSignal);
  target.on("SIGINT", onSignal);
  return () => {
    target.off("SIGTERM", onSignal);
    target.off("SIGINT", onSignal);
  };
}

/** Resolves once `signal` is aborted (at once if it is). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
