/**
 * SQL that reads a timestamptz column as the ISO text `Date.prototype.toISOString` writes
 * (`2024-03-10T07:00:00.000Z`). The store formats times in SQL rather than letting each driver
 * parse them, so the same text comes back from node-postgres and PGlite, and a time stored from
 * `now.toISOString()` comes back unchanged.
 */
export function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * A sent paper's publication date as the `published_at` column takes it (ISO text, for a
 * timestamptz parameter). An unreadable date counts as none: the paper is kept until released,
 * like an undated one.
 */
export function normalisedTime(value: string | undefined): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
