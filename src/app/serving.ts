import type { Config } from "../config.js";
import { ArxivCalendar } from "../core/corpus/arxiv-calendar.js";
import type { DeliveryAdapter } from "../core/delivery/port.js";
import type { Logger } from "../core/log.js";
import { createDigestComposer } from "../core/recommender/digest.js";
import type { Platform } from "../core/target.js";
import { startHealthServer } from "../health.js";
import { createHealthCheck } from "../metrics/health-rules.js";
import type { PrometheusTelemetry } from "../metrics/prometheus.js";
import { startScheduler, type Scheduler } from "../scheduler/scheduler.js";
import type { PaperSources } from "../sources/create.js";
import { createDeliveryTick, type DeliveryTickDeps } from "./delivery-tick.js";
import { createIngestJob } from "./ingest-job.js";
import type { App } from "./open-app.js";
import { syncPapers } from "./paper-sync.js";
import type { Running } from "./running.js";
import type { Shutdown } from "./shutdown.js";
import { trackRuns, type TrackedJob } from "./tracked-job.js";
import { startWeeklyRecaps } from "./weekly-recaps.js";
import { errorMessage } from "../core/error-message.js";

/** What runs beside the started bots, stopped in the shutdown order (see stop-parts.ts). */
export interface Serving {
  tick: TrackedJob<[]>;
  scheduler: Scheduler;
  /** Stopped beside the platforms: the paper sync, the weekly recaps, the health endpoint when configured. */
  others: Running[];
}

export interface ServingDeps {
  config: Config;
  app: App;
  sources: PaperSources;
  telemetry: PrometheusTelemetry;
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
  log: Logger;
  shutdown: Shutdown;
  /** Shuts down with `message`, exiting 1 (the health endpoint could not listen). */
  fail(message: string): void;
}

/**
 * Until the bots serve, no digest or reply is under way: a shutdown cuts every call short at once.
 * Returns what marks them serving; from then on, calls under way get the grace period.
 */
export function cutCallsUntilServing(shutdown: Shutdown): () => void {
  let serving = false;
  const cutWhileStarting = () => {
    if (!serving) shutdown.cutNow();
  };
  if (shutdown.stopping.aborted) cutWhileStarting();
  else shutdown.stopping.addEventListener("abort", cutWhileStarting, { once: true });
  return () => {
    serving = true;
  };
}

/**
 * Once the bots are up: the delivery tick and the ingestion on their schedule, the sync of other
 * instances' papers, then (marked serving) the health endpoint, whose start is awaited.
 */
export async function startServing(deps: ServingDeps, markServing: () => void): Promise<Serving> {
  const { config, app, sources, log, telemetry } = deps;
  const tick = trackRuns(createDeliveryTick(deliveryTickDeps(deps)));
  const ingest = createIngestJob(app, Object.values(sources), config.sources.categories, log, telemetry);
  const scheduler = startScheduler({
    tick: tick.run,
    ingest,
    ingestCron: config.sources.ingestCron,
    timezone: config.sources.ingestTimezone,
    log,
  });
  const sync = syncPapers({
    papers: app.store.papers,
    shelf: app.papers,
    index: app.index,
    storedHere: app.storedHere,
    since: app.papersVersion,
    log,
  });
  const recaps = startWeeklyRecaps({ store: app.store, papers: app.papers, adapters: deps.adapters, log });
  const others: Running[] = [{ name: "paper sync", stop: () => sync.stop() }, recaps];
  markServing();
  if (config.healthPort !== undefined) others.push(await startHealthEndpoint(config.healthPort, deps));
  return { tick, scheduler, others };
}

function deliveryTickDeps({
  config,
  app,
  adapters,
  log,
  shutdown,
  telemetry,
}: ServingDeps): DeliveryTickDeps {
  const compose = createDigestComposer({
    index: app.index,
    papers: () => app.papers.recent(),
    calendar: new ArxivCalendar(config.digest.arxivHolidays),
  });
  return {
    store: app.store,
    owner: app.owner,
    compose,
    adapters,
    graceHours: config.digest.graceHours,
    log,
    stop: shutdown,
    telemetry,
  };
}

/** Serves /healthz and /metrics on `port`; a port it cannot listen on shuts down through `fail`. */
async function startHealthEndpoint(port: number, deps: ServingDeps): Promise<Running> {
  const { app, sources, telemetry, log, fail } = deps;
  const check = createHealthCheck({
    latestRuns: () => app.store.ingestRuns.latest(),
    connections: () => telemetry.connections.list(),
    sources: Object.values(sources).map((source) => source.name),
    log,
  });
  const health = startHealthServer(port, check, { metrics: telemetry.registry });
  await health.ready.catch((error: unknown) => fail(errorMessage(error)));
  return { name: "health endpoint", stop: () => health.close() };
}
