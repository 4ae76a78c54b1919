import type { Logger } from "../core/log.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { App } from "./open-app.js";
import type { PlatformBot } from "./platform-bots.js";
import type { Running } from "./running.js";
import type { Serving } from "./serving.js";
import { whenAborted, type Shutdown } from "./shutdown.js";
import type { TrackedJob } from "./tracked-job.js";

/**
 * Stops the running parts at once, except a platform that must outlive the delivery tick (its
 * sends), which stops once the tick has. `serving` is absent when shutdown began before the bots
 * were up.
 */
export async function stopRunningParts(
  platforms: readonly PlatformBot[],
  serving: Serving | undefined,
  shutdown: Shutdown,
  log: Logger,
): Promise<void> {
  const sendsDone = serving
    ? stopScheduler(serving.scheduler, serving.tick, shutdown, log)
    : Promise.resolve();
  await Promise.all([
    shutdown.during("the delivery tick", sendsDone),
    ...platforms.map((platform) =>
      platform.stopAfterSends
        ? sendsDone.then(() => stopPart(platform, shutdown, log))
        : stopPart(platform, shutdown, log),
    ),
    ...(serving?.others ?? []).map((part) => stopPart(part, shutdown, log)),
  ]);
}

/** Closes the store, the last part to stop: the shutdown deadline no longer applies after it. */
export async function closeStore(app: App, log: Logger, shutdown: Shutdown): Promise<void> {
  await shutdown.during(
    "closing the store",
    app
      .close()
      .catch((error: unknown) =>
        log.error(
          { err: String(error) },
          "could not close the store cleanly; every acknowledged change was already stored",
        ),
      ),
  );
  shutdown.finish();
}

/**
 * Stops the scheduler: no new tick or ingestion starts, and the tick under way ends (its sends
 * finish, or are given up at the cutoff, and are recorded). An ingestion still fetching at the
 * cutoff is left behind: the next run fetches again.
 */
async function stopScheduler(
  scheduler: Scheduler,
  tick: TrackedJob<[]>,
  shutdown: Shutdown,
  log: Logger,
): Promise<void> {
  const stopped = scheduler.stop().then(() => true);
  const tickDone = whenAborted(shutdown.cutoff)
    .then(() => tick.idle())
    .then(() => false);
  if (!(await Promise.race([stopped, tickDone]))) {
    log.warn("shutting down: the ingestion under way is left unfinished; its next run fetches again");
  }
}

function stopPart(part: Running, shutdown: Shutdown, log: Logger): Promise<void> {
  return shutdown.during(
    part.name,
    part.stop().catch((error: unknown) => log.error({ err: String(error) }, `stopping ${part.name} failed`)),
  );
}
