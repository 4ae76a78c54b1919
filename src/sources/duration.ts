/**
 * A span of time as people read it in logs: `200 ms`, `30 s`, `90 s`, `5 min`, `2 h`. Seconds up
 * to two minutes and minutes up to two hours, so a configured value reads back as it was written.
 *
 * @example formatDuration(300_000) // "5 min"
 */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  if (seconds < 120) return `${trim(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 120) return `${trim(minutes)} min`;
  return `${trim(minutes / 60)} h`;
}

/** At most one decimal, none when it is zero. */
function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}
