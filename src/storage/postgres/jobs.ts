import type { JobLocks } from "../../core/store/port.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";

/**
 * Jobs held with session-level advisory locks (see `Db.tryHoldLock`): the server frees the lock
 * when the holder's connection closes, so a job whose instance died is free for another at once.
 */
export function jobLocks(db: Db): JobLocks {
  return { tryHold: (job) => db.tryHoldLock(lockClass.jobs, job) };
}
