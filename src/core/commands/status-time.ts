const MINUTE_MS = 60_000;

/** `2024-12-03 05:30 UTC`: the times /status shows, the same for every reader. */
export function utcTime(time: Date | string): string {
  const date = typeof time === "string" ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return String(time);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `3 min`, `1 h 30 min`, `22 h`, `2 days`: how far apart two instants are, rounded. */
export function span(fromMs: number, toMs: number): string {
  const minutes = Math.round(Math.abs(toMs - fromMs) / MINUTE_MS);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 600)
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** `2024-12-03 05:30 UTC (5 h ago)`, or `(in 5 h)` for a time after `now`. */
export function utcTimeFrom(time: Date | string, now: Date): string {
  const ms = new Date(time).getTime();
  if (Number.isNaN(ms)) return String(time);
  const distance = span(now.getTime(), ms);
  return `${utcTime(time)} (${ms > now.getTime() ? `in ${distance}` : `${distance} ago`})`;
}
