import { publishedInstant } from "../../core/store/published-instant.js";

/*
 * Papers' publication dates as `papers.published_at` holds them, for `since` and `sourceSummary`.
 * Dates are read in JS, as `Date.parse` reads them (the files store compares them the same way),
 * never by Postgres: a date it cannot read must not fail a write.
 */

/** The earliest instant a timestamptz holds (4714-11-24 BC), in milliseconds since the epoch. */
const earliestMs = -210_866_803_200_000;

/**
 * An instant as the text of seconds since the epoch, for `to_timestamp($n::float8)`. Seconds rather
 * than ISO text: Postgres refuses the text `toISOString` writes for years before 1 or after 9999
 * (which `Date.parse` reads). An instant before any a timestamptz holds is `-infinity`, before all.
 */
export function epochSeconds(ms: number): string {
  return ms < earliestMs ? "-infinity" : String(ms / 1000);
}

/** A paper's `published_at` as `epochSeconds` text; null when it has no date or one that does not parse. */
export function publishedSeconds(publishedAt: unknown): string | null {
  const ms = publishedInstant(publishedAt);
  return ms === undefined ? null : epochSeconds(ms);
}
