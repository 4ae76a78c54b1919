import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ConnectionState, DigestOutcome, Telemetry } from "../core/telemetry.js";
import { ConnectionStates } from "./connections.js";

/** Latency buckets in seconds, 1 ms to 10 s: a command answers in milliseconds, a slow store write in seconds. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Platforms a label may name; any other is counted as "other". */
const PLATFORMS: ReadonlySet<string> = new Set(["discord", "telegram", "console"]);
/**
 * API error codes worth a series of their own (HTTP statuses both platforms answer, and "network"
 * for a call that got no answer). Any other 4xx or 5xx is counted as "4xx" or "5xx", anything else
 * as "other", so that a platform inventing codes cannot grow the series without bound.
 */
const ERROR_CODES: ReadonlySet<string> = new Set([
  "400",
  "401",
  "403",
  "404",
  "409",
  "413",
  "429",
  "500",
  "502",
  "503",
  "504",
  "network",
]);
const DIGEST_OUTCOMES: readonly DigestOutcome[] = ["sent", "late", "failed", "skipped"];
const CONNECTION_STATES: readonly ConnectionState[] = ["up", "down", "idle"];
/** Longest label value kept (source and command names are far shorter). */
const MAX_LABEL_CHARS = 64;

/** The Telemetry that Prometheus scrapes: its registry is served as `GET /metrics`. */
export interface PrometheusTelemetry extends Telemetry {
  /** paperboy's metrics and the default process metrics, on a registry of their own. */
  readonly registry: Registry;
  /** The connection states reported so far, for the health verdict. */
  readonly connections: ConnectionStates;
}

export interface PrometheusOptions {
  /** Series created at zero before anything happens, so that rates and alerts see them at once. */
  known?: { sources?: readonly string[]; platforms?: readonly string[]; commands?: readonly string[] };
  /** Add Node's default process metrics (`process_*`, `nodejs_*`). Default true. */
  processMetrics?: boolean;
  /** The clock of the connection states; tests pass a fixed one. */
  clock?: () => Date;
}

/**
 * Telemetry as Prometheus metrics, all named `paperboy_…` (the default process metrics keep their
 * usual names). Never throws: a metric that cannot be recorded is dropped.
 *
 * @example
 * const telemetry = createPrometheusTelemetry({ known: { platforms: ["telegram"] } });
 * telemetry.command("find", 0.012, true);
 * await telemetry.registry.metrics(); // paperboy_commands_total{command="find",outcome="ok"} 1 …
 */
export function createPrometheusTelemetry(options: PrometheusOptions = {}): PrometheusTelemetry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const ingestRuns = new Counter({
    name: "paperboy_ingest_runs_total",
    help: "Ingest runs per source, failed ones included.",
    labelNames: ["source"] as const,
    registers,
  });
  const ingestFailures = new Counter({
    name: "paperboy_ingest_failures_total",
    help: "Ingest runs per source that failed.",
    labelNames: ["source"] as const,
    registers,
  });
  const papersAdded = new Counter({
    name: "paperboy_ingest_papers_added_total",
    help: "Papers the corpus did not hold before, per source that brought them first.",
    labelNames: ["source"] as const,
    registers,
  });
  const digests = new Counter({
    name: "paperboy_digests_total",
    help: "Due digests per platform by outcome: sent (on time), late (sent after the slot), failed, skipped.",
    labelNames: ["platform", "outcome"] as const,
    registers,
  });
  const commands = new Counter({
    name: "paperboy_commands_total",
    help: 'Commands and buttons run, by command; outcome "failed" when the user got an apology.',
    labelNames: ["command", "outcome"] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: "paperboy_command_duration_seconds",
    help: "Time from a command or button to its reply, by command.",
    labelNames: ["command"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const apiErrors = new Counter({
    name: "paperboy_platform_api_errors_total",
    help: 'Failed platform API calls by platform and code (HTTP status, "network" when unanswered).',
    labelNames: ["platform", "code"] as const,
    registers,
  });
  const storeWrites = new Histogram({
    name: "paperboy_store_write_duration_seconds",
    help: "Time of store writes, failed ones included, by method.",
    labelNames: ["method"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const connection = new Gauge({
    name: "paperboy_platform_connection",
    help: "1 for the state each platform's connection is in (up, down, idle), 0 for the others.",
    labelNames: ["platform", "state"] as const,
    registers,
  });

  for (const source of options.known?.sources ?? []) {
    const labels = { source: bounded(source) };
    ingestRuns.inc(labels, 0);
    ingestFailures.inc(labels, 0);
    papersAdded.inc(labels, 0);
  }
  for (const platform of options.known?.platforms ?? []) {
    for (const outcome of DIGEST_OUTCOMES) digests.inc({ platform: platformLabel(platform), outcome }, 0);
  }
  for (const command of options.known?.commands ?? []) {
    commands.inc({ command: bounded(command), outcome: "ok" }, 0);
    commands.inc({ command: bounded(command), outcome: "failed" }, 0);
  }

  const connections = new ConnectionStates(options.clock);
  return {
    registry,
    connections,
    ingestRun: (source, { ok, added }) =>
      safely(() => {
        const labels = { source: bounded(source) };
        ingestRuns.inc(labels);
        if (!ok) ingestFailures.inc(labels);
        if (added > 0) papersAdded.inc(labels, added);
      }),
    digest: (platform, outcome, count = 1) =>
      safely(() => {
        if (count > 0) digests.inc({ platform: platformLabel(platform), outcome }, count);
      }),
    command: (name, seconds, ok) =>
      safely(() => {
        const command = bounded(name);
        commands.inc({ command, outcome: ok ? "ok" : "failed" });
        commandSeconds.observe({ command }, seconds);
      }),
    platformError: (platform, code) =>
      safely(() => apiErrors.inc({ platform: platformLabel(platform), code: errorCodeLabel(code) })),
    storeWrite: (method, seconds) => safely(() => storeWrites.observe({ method: bounded(method) }, seconds)),
    connection: (platform, state) =>
      safely(() => {
        const label = platformLabel(platform);
        connections.report(label, state);
        for (const each of CONNECTION_STATES)
          connection.set({ platform: label, state: each }, each === state ? 1 : 0);
      }),
  };
}

/** An API error code as a label: one of ERROR_CODES, else its class (`4xx`, `5xx`), else "other". */
export function errorCodeLabel(code: string): string {
  if (ERROR_CODES.has(code)) return code;
  if (/^[45]\d\d$/.test(code)) return `${code[0]}xx`;
  return "other";
}

function platformLabel(platform: string): string {
  return PLATFORMS.has(platform) ? platform : "other";
}

function bounded(value: string): string {
  return value.slice(0, MAX_LABEL_CHARS);
}

/** Metrics must never break what they measure. */
function safely(record: () => void): void {
  try {
    record();
  } catch {
    // Dropped: a metric that cannot be recorded (a NaN observation) is not worth a failed command.
  }
}
