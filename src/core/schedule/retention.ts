import { MAX_WINDOW_DAYS } from "../recommender/picks.js";
import type { PruneCutoffs } from "../store/port.js";

/** Delivery records kept: enough to plan (the latest) and to look back at a month of digests. */
export const DELIVERY_RETENTION_DAYS = 31;
const DAY_MS = 86_400_000;

/**
 * What can no longer matter at `now`: delivery records older than a month, and sent papers
 * published before the oldest a digest may still pick (a day beyond the picks window, for zones
 * and announcement lag), which can therefore never be sent twice.
 */
export function pruneCutoffs(now: Date): PruneCutoffs {
  const deliveriesBefore = new Date(now.getTime() - DELIVERY_RETENTION_DAYS * DAY_MS);
  return {
    deliveriesBefore: deliveriesBefore.toISOString().slice(0, 10),
    sentPublishedBefore: new Date(now.getTime() - (MAX_WINDOW_DAYS + 1) * DAY_MS),
  };
}
