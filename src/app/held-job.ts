import type { Logger } from "../core/log.js";
import type { JobHold, JobLocks } from "../core/store/port.js";

/** How often an instance that does not hold a job tries to take it: well within a minute. */
export const HOLD_RETRY_MS = 20_000;

export interface HeldJob {
  /** Stops the job if this instance runs it and lets another instance take it. */
  stop(): Promise<void>;
}

/**
 * Runs a job that must run on one instance at a time (Telegram long polling): this instance starts
 * it once it holds the job's lock, tries again every `retryMs` while another instance holds it,
 * and stops it if the hold is lost, so when the instance running it dies, another takes over.
 * Stopping while the job starts stops that start too (`work.stop()` must be able to end it).
 */
export function runWhileHeld(
  locks: JobLocks,
  job: string,
  work: { start(): Promise<void>; stop(): Promise<void> },
  log: Logger,
  retryMs = HOLD_RETRY_MS,
): HeldJob {
  let hold: JobHold | undefined;
  let stopped = false;
  let starting = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (!stopped) timer = setTimeout(() => (attempt = tryTake()), retryMs);
  };
  const tryTake = async (): Promise<void> => {
    try {
      hold = await locks.tryHold(job);
      if (!hold) {
        log.debug({ job }, "another instance runs this job");
        return schedule();
      }
      if (stopped) return await release();
      starting = true;
      try {
        await work.start();
      } finally {
        starting = false;
      }
      if (stopped) return;
      log.info({ job }, "this instance runs the job");
      void hold.lost.then(() => onLost());
    } catch (error) {
      if (!stopped) log.warn({ job, err: error }, "could not start the job; trying again");
      await release();
      schedule();
    }
  };
  const onLost = async () => {
    if (stopped || !hold) return;
    log.warn({ job }, "lost the hold on the job: stopping it so that one instance runs it");
    hold = undefined;
    await work.stop().catch(() => undefined);
    schedule();
  };
  const release = async () => {
    const held = hold;
    hold = undefined;
    await held?.release().catch(() => undefined);
  };

  attempt = tryTake();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      // A start under way (a platform that does not answer) is ended rather than waited for.
      if (starting) await work.stop().catch(() => undefined);
      await attempt;
      if (hold) await work.stop();
      await release();
    },
  };
}
