import type { Logger } from "../core/log.js";
import { runWhileHeld } from "./held-job.js";
import { createRecapJob, RECAP_JOB, type RecapJobDeps } from "./recap-job.js";
import type { Running } from "./running.js";

/** Recaps are weekly: looking once a minute finds each one well within its grace window. */
const RECAP_TICK_MS = 60_000;

/**
 * Sends the channels' weekly recaps from one instance at a time (the one holding RECAP_JOB),
 * looking every minute; another instance takes over within HOLD_RETRY_MS if this one dies.
 */
export function startWeeklyRecaps(deps: RecapJobDeps & { log: Logger }): Running {
  const tick = createRecapJob(deps);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  // A look still under way (a slow platform) is not queued behind: the next minute looks again.
  const look = () => {
    if (running || stopped) return;
    running = tick()
      .catch((err: unknown) => deps.log.error({ err }, "weekly recap tick failed"))
      .finally(() => (running = undefined));
  };
  const held = runWhileHeld(
    deps.store.jobs,
    RECAP_JOB,
    {
      start: async () => {
        stopped = false;
        look();
        timer = setInterval(look, RECAP_TICK_MS);
      },
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await running;
      },
    },
    deps.log,
  );
  return { name: "weekly recaps", stop: () => held.stop() };
}
