/**
 * SQL that reads a timestamptz column as the ISO text `Date.prototype.toISOString` writes
 * (`2024-03-10T07:00:00.000Z`). The store formats times in SQL rather than letting each driver
 * parse them, so the same text comes back from node-postgres and PGlite, and a time stored from
 * `now.toISOString()` comes back unchanged.
 */
export function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
