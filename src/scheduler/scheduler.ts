import type { Logger as CronLogger, ScheduledTask } from "node-cron";
import cron from "node-cron";
import type { Logger } from "../core/log.js";

export interface SchedulerOptions {
  /** Delivers what is due; runs every minute and once at start, never two at a time. */
  tick(): Promise<void>;
  /** Fetches new papers on `ingestCron`; `schedule` tells when the run after this one starts. */
  ingest?(schedule: { nextRunAt(): Date | undefined }): Promise<void>;
  /** Five-field cron expression, e.g. `30 5 * * *`. */
  ingestCron: string;
  /** IANA zone `ingestCron` is read in, e.g. `UTC`. */
  timezone: string;
  log: Logger;
}

export interface Scheduler {
  /** Stops both jobs and waits for a running tick or ingestion to finish. */
  stop(): Promise<void>;
}

const EVERY_MINUTE = "* * * * *";

/**
 * Starts the delivery tick (every minute, plus once now so a restart catches up at once) and the
 * ingestion job. Errors from either are logged, never thrown: the next run tries again.
 * Throws at once for an invalid `ingestCron` or `timezone`, naming the valid form.
 *
 * @example
 * const scheduler = startScheduler({ tick, ingest, ingestCron: "30 5 * * *", timezone: "UTC", log });
 * process.once("SIGTERM", async () => { await scheduler.stop(); await state.flush(); });
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { log } = options;
  if (!cron.validate(options.ingestCron)) {
    throw new Error(
      `INGEST_CRON "${options.ingestCron}" is not a cron expression: use five fields, e.g. "30 5 * * *"`,
    );
  }
  checkTimeZone(options.timezone);

  const tick = guarded("delivery tick", options.tick, log);
  const logger = cronLogger(log);
  const tasks: ScheduledTask[] = [
    cron.schedule(EVERY_MINUTE, tick.run, { name: "delivery-tick", noOverlap: true, logger }),
  ];
  let ingestTask: ScheduledTask | undefined;
  const schedule = { nextRunAt: () => ingestTask?.getNextRun() ?? undefined };
  const job = options.ingest;
  const ingest = job ? guarded("ingestion", () => job(schedule), log) : undefined;
  if (ingest) {
    const ingestOptions = { name: "ingestion", noOverlap: true, timezone: options.timezone, logger };
    ingestTask = cron.schedule(options.ingestCron, ingest.run, ingestOptions);
    tasks.push(ingestTask);
  }
  void tick.run();

  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all(tasks.map((task) => task.destroy()));
        await Promise.all([tick.idle(), ingest?.idle()]);
      })()),
  };
}

/** Wraps a job so runs never overlap (the start-up run included), errors are logged, and a stop can wait. */
function guarded(name: string, job: () => Promise<void>, log: Logger) {
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    if (running) {
      log.debug(`${name} still running; this run is skipped`);
      return running;
    }
    running = Promise.resolve()
      .then(job)
      .catch((error: unknown) => log.error({ err: error }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return { run, idle: async () => running };
}

function checkTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    throw new Error(`INGEST_TIMEZONE "${timezone}" is not an IANA time zone: use e.g. UTC or Europe/Paris`);
  }
}

/** node-cron's own messages (missed or overlapping runs) go to the application's log. */
function cronLogger(log: Logger): CronLogger {
  return {
    info: (message) => log.info({ component: "cron" }, message),
    warn: (message) => log.warn({ component: "cron" }, message),
    error: (message, err) => log.error({ component: "cron", err: err ?? message }, String(message)),
    debug: (message) => log.debug({ component: "cron" }, String(message)),
  };
}
