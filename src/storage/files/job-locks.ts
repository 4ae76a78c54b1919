import type { JobHold, JobLocks } from "../../core/store/port.js";
import { StoreReadOnlyError } from "../../core/store/errors.js";

/**
 * Job locks of a store that one process holds alone (the data folder's lock, or memory): a job is
 * held by whoever asked first in this process until released. A hold is never lost (no connection
 * can break), so `lost` never settles. A read-only store runs no jobs: the bot beside it does.
 */
export function processJobLocks(options: { location: string; readOnly: boolean }): JobLocks {
  const held = new Set<string>();
  return {
    tryHold: (job) => {
      if (options.readOnly) return Promise.reject(new StoreReadOnlyError(options.location));
      if (held.has(job)) return Promise.resolve(undefined);
      held.add(job);
      let released = false;
      const hold: JobHold = {
        release: () => {
          if (!released) held.delete(job);
          released = true;
          return Promise.resolve();
        },
        lost: new Promise<void>(() => undefined),
      };
      return Promise.resolve(hold);
    },
  };
}
