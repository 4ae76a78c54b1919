/** What became of a due digest, as the metrics count it (each digest is counted under one of them). */
export type DigestOutcome = "sent" | "failed" | "late" | "skipped";

/**
 * The state of a platform's connection: `up` while it works, `down` once it was lost (or could not
 * be made) and is being tried again, `idle` while it is off on purpose (stopped, or held by another
 * instance sharing the store). Only `down` makes the instance unhealthy.
 */
export type ConnectionState = "up" | "down" | "idle";

/**
 * The telemetry port: what happened, told as it happens, for counters and latency histograms (the
 * Prometheus adapter in src/metrics) and for the health verdict. Every method is cheap, never
 * throws, and takes label values from small known sets: source names, platform names, command
 * names from the registry ("unknown" for any other), API error codes.
 */
export interface Telemetry {
  /** One source's ingest run ended: failed or not, and how many papers the corpus did not hold before. */
  ingestRun(source: string, outcome: { ok: boolean; added: number }): void;
  /** `count` due digests of `platform` ended as `outcome` (default 1). */
  digest(platform: string, outcome: DigestOutcome, count?: number): void;
  /** A command or button ran for `seconds`; `ok` is false when it failed (the user got an apology). */
  command(name: string, seconds: number, ok: boolean): void;
  /** A platform API call failed with `code` (an HTTP status or error code, or "network"). */
  platformError(platform: string, code: string): void;
  /** A store write (`profiles.update`, `deliveries.claim`…) took `seconds`, whether it succeeded or not. */
  storeWrite(method: string, seconds: number): void;
  /** A platform's connection changed state (reporting the same state again changes nothing). */
  connection(platform: string, state: ConnectionState): void;
}

/** Telemetry that records nothing: the default wherever none is given. */
export const NO_TELEMETRY: Telemetry = {
  ingestRun: () => {},
  digest: () => {},
  command: () => {},
  platformError: () => {},
  storeWrite: () => {},
  connection: () => {},
};
