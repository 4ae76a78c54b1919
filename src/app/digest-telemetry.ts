import type { FanOutSummary } from "../core/schedule/fan-out.js";
import { NO_TELEMETRY, type Telemetry } from "../core/telemetry.js";

/**
 * Tells `telemetry` what became of a tick's due digests, per platform. Each digest is counted once:
 * `sent` on time, `late` when sent after its slot (caught up within the grace window), `failed`,
 * or `skipped` (nothing to send, slot missed beyond the grace window, platform not configured).
 * A digest put off to a later tick (a rate limit, an outage) is counted once that tick ends it; a
 * paused subscription's digest is not counted.
 */
export function reportDigests(summary: FanOutSummary, telemetry: Telemetry = NO_TELEMETRY): void {
  for (const [platform, counts] of Object.entries(summary.platforms)) {
    telemetry.digest(platform, "sent", counts.sent - counts.late);
    telemetry.digest(platform, "late", counts.late);
    telemetry.digest(platform, "failed", counts.failed);
    telemetry.digest(platform, "skipped", counts.skipped);
  }
}
