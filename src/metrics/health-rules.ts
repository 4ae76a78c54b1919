import type { Logger } from "../core/log.js";
import type { IngestRun } from "../core/records.js";
import type { HealthStatus } from "../health.js";
import type { ConnectionRecord } from "./connections.js";

/** Ingestion is unhealthy once every source has gone this long without a successful run. */
export const INGEST_FAILING_MS = 36 * 3_600_000;
/** A platform is unhealthy once its connection has been down this long. */
export const CONNECTION_DOWN_MS = 10 * 60_000;
/** How long the store's answer (the latest ingest runs) is reused: probes come every few seconds. */
export const INGEST_CACHE_MS = 30_000;
/** The longest part of an ingest error quoted in the verdict. */
const MAX_ERROR_CHARS = 120;

/** What is known of one source's ingestion. */
export interface SourceStanding {
  source: string;
  /** When its latest run ended, and why it failed (absent when it succeeded). */
  latest: { at: Date; error?: string };
  /**
   * Since when no successful run of the source is known: its last successful run, or, when none
   * was seen, its earliest failed run seen (an earlier success may have gone unseen).
   */
  noSuccessSince: Date;
  /** Whether `noSuccessSince` is a successful run (false: the earliest failure seen). */
  lastSuccessSeen: boolean;
}

/**
 * The verdict of `GET /healthz`. Unhealthy (503) when either holds, the body saying which:
 *
 * - ingestion: there is at least one source, the latest run of every source failed, and for every
 *   source no successful run is known within the last 36 h (INGEST_FAILING_MS, strictly more);
 * - a platform's connection has been `down` for more than 10 min (CONNECTION_DOWN_MS). A platform
 *   that never reported, or whose connection is `idle` (off on purpose), is not judged.
 *
 * Pure: every time is taken from the arguments.
 */
export function healthVerdict(input: {
  sources: readonly SourceStanding[];
  connections: readonly ConnectionRecord[];
  now: Date;
}): HealthStatus {
  const problems: string[] = [];
  const now = input.now.getTime();
  const { sources } = input;
  const allFailing =
    sources.length > 0 &&
    sources.every(
      (source) =>
        source.latest.error !== undefined && now - source.noSuccessSince.getTime() > INGEST_FAILING_MS,
    );
  if (allFailing) {
    problems.push(
      `ingestion failed on every source for over ${INGEST_FAILING_MS / 3_600_000} h: ` +
        sources.map(describeSource).join(", "),
    );
  }
  for (const { platform, state, since } of input.connections) {
    const downMs = now - since.getTime();
    if (state === "down" && downMs > CONNECTION_DOWN_MS) {
      problems.push(
        `${platform} connection down for ${Math.floor(downMs / 60_000)} min (since ${stamp(since)})`,
      );
    }
  }
  return problems.length === 0 ? { ok: true, detail: "ok" } : { ok: false, detail: problems.join("; ") };
}

function describeSource(source: SourceStanding): string {
  const since = source.lastSuccessSeen
    ? `last success ${stamp(source.noSuccessSince)}`
    : `failing since ${stamp(source.noSuccessSince)} at least`;
  const error = (source.latest.error ?? "").replace(/\s+/g, " ").slice(0, MAX_ERROR_CHARS);
  return `${source.source} (${since}; latest run ${stamp(source.latest.at)}: ${error})`;
}

/** `2024-12-03 05:30 UTC`: minutes are enough to tell runs apart. */
function stamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * What the process has seen of each source's runs. The store keeps only each source's latest run,
 * so the last success of a source that keeps failing is remembered here: from the runs seen while
 * the process runs. A process started while every source fails counts from the earliest failure
 * it saw, so its verdict may come later than 36 h after the real last success, never earlier.
 */
export class IngestHistory {
  readonly #standings = new Map<string, SourceStanding>();
  readonly #sources: ReadonlySet<string> | undefined;

  /** `sources`: the configured source names; runs of others (no longer configured) are ignored. */
  constructor(sources?: readonly string[]) {
    this.#sources = sources && new Set(sources);
  }

  /** Takes in the latest run of each source (as `store.ingestRuns.latest()` answers). */
  observe(runs: readonly IngestRun[]): void {
    for (const run of runs) {
      if (this.#sources && !this.#sources.has(run.source)) continue;
      const at = new Date(run.at);
      if (Number.isNaN(at.getTime())) continue;
      const known = this.#standings.get(run.source);
      const latest = run.error === undefined ? { at } : { at, error: run.error };
      if (run.error === undefined) {
        this.#standings.set(run.source, {
          source: run.source,
          latest,
          noSuccessSince: at,
          lastSuccessSeen: true,
        });
      } else if (!known) {
        this.#standings.set(run.source, {
          source: run.source,
          latest,
          noSuccessSince: at,
          lastSuccessSeen: false,
        });
      } else {
        // Failing after a success seen, or still failing: since when no success is known stays.
        this.#standings.set(run.source, { ...known, latest });
      }
    }
  }

  standings(): SourceStanding[] {
    return [...this.#standings.values()].sort((a, b) =>
      a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
    );
  }
}

export interface HealthRulesDeps {
  /** The latest run of each source: `store.ingestRuns.latest`. */
  latestRuns(): Promise<IngestRun[]>;
  /** The platforms' connection states (see PrometheusTelemetry.connections). */
  connections(): readonly ConnectionRecord[];
  /** The configured source names; absent: every source with a recorded run. */
  sources?: readonly string[];
  /** Told when the store could not be asked (the runs known before are used meanwhile). */
  log?: Logger;
  now?: () => Date;
  /** How long one answer of the store is reused (default INGEST_CACHE_MS). */
  cacheMs?: number;
}

/**
 * The `/healthz` check: healthVerdict over the ingest runs (asked of the store at most once per
 * `cacheMs`, one question at a time however many probes come) and the connection states. If the
 * store cannot be asked, the runs seen before stand.
 *
 * @example startHealthServer(port, createHealthCheck({ latestRuns: () => store.ingestRuns.latest(),
 *   connections: () => telemetry.connections.list() }), { metrics: telemetry.registry });
 */
export function createHealthCheck(deps: HealthRulesDeps): () => Promise<HealthStatus> {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.cacheMs ?? INGEST_CACHE_MS;
  const history = new IngestHistory(deps.sources);
  let askedAt = Number.NEGATIVE_INFINITY;
  let asking: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    if (asking) return asking;
    if (now().getTime() - askedAt < cacheMs) return Promise.resolve();
    asking = deps
      .latestRuns()
      .then(
        (runs) => history.observe(runs),
        (error: unknown) => deps.log?.warn({ err: error }, "health check: could not read the ingest runs"),
      )
      .finally(() => {
        askedAt = now().getTime();
        asking = undefined;
      });
    return asking;
  };

  return async () => {
    await refresh();
    return healthVerdict({ sources: history.standings(), connections: deps.connections(), now: now() });
  };
}
