// First: from here on a signal is remembered, not fatal (see early-signals.ts).
import { takeEarlySignal } from "./app/early-signals.js";
import cron from "node-cron";
import { pino } from "pino";
import { createDeliveryTick } from "./app/delivery-tick.js";
import { runWhileHeld } from "./app/held-job.js";
import { createShutdown, exitOnSignals, whenAborted, type Shutdown } from "./app/shutdown.js";
import { StartAborted, startWithRetry } from "./app/start-retry.js";
import { trackRuns, type TrackedJob } from "./app/tracked-job.js";
import { createIngestJob } from "./app/ingest-job.js";
import { syncPapers } from "./app/paper-sync.js";
import { openApp, type App } from "./app/open-app.js";
import { GatewayWatch, reportDiscordApiErrors } from "./bots/discord/api-telemetry.js";
import { createDiscordBot, DiscordUnavailableError } from "./bots/discord/client.js";
import { reportTelegramApi } from "./bots/telegram/api-telemetry.js";
import { createTelegramBot, TelegramUnavailableError } from "./bots/telegram/bot.js";
import { runChat } from "./cli/chat.js";
import { ConfigError, configSecrets, describeConfig, loadConfig, type Config } from "./config.js";
import type { Platform } from "./core/target.js";
import { COMMANDS } from "./core/commands/registry.js";
import { createCommandService } from "./core/commands/service.js";
import type { DeliveryAdapter } from "./core/delivery/port.js";
import { ArxivCalendar } from "./core/corpus/arxiv-calendar.js";
import { createDigestComposer } from "./core/recommender/digest.js";
import { startHealthServer } from "./health.js";
import { createHealthCheck } from "./metrics/health-rules.js";
import { createPrometheusTelemetry, type PrometheusTelemetry } from "./metrics/prometheus.js";
import { createLogger } from "./logger.js";
import { startScheduler, type Scheduler } from "./scheduler/scheduler.js";
import { createPaperSources, type PaperSources } from "./sources/create.js";

/** A part of the running bot, stopped as a whole at shutdown. */
interface Running {
  /** Named in the shutdown deadline's warning while it stops. */
  name: string;
  stop(): Promise<void>;
}

/** A chat platform being started, with what tells a failure worth another try. */
interface PlatformBot extends Running {
  start(): Promise<void>;
  /** See StartRetryOptions.retryReason. */
  retryReason(error: unknown): string | undefined;
  /** Stopped only once the delivery tick is (Discord: stopping the client ends its REST sends too). */
  stopAfterSends: boolean;
}

const TELEGRAM_POLLING_JOB = "telegram-polling";

/** One job per set of gateway shards: instances configured with other shards connect beside it. */
function discordGatewayJob(discord: NonNullable<Config["discord"]>): string {
  return discord.shardCount
    ? `discord-gateway:${discord.shards?.join(",")}/${discord.shardCount}`
    : "discord-gateway";
}

/**
 * The composition root: reads the configuration once, loads storage, corpus and index, then starts
 * the bots that have tokens (or the console chat when none has) with the scheduler beside them.
 * Resolves with the process exit code after a clean shutdown.
 *
 * Shutting down (SIGTERM or SIGINT at any moment, start-up included, or a bot that cannot run) is
 * one path, bounded by SHUTDOWN_DEADLINE_MS: take no new work; let the digest sends and replies
 * under way finish, cutting the platform calls still running after SHUTDOWN_GRACE_MS; record what
 * became of each digest; close the store; exit. See app/shutdown.ts.
 */
async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const consoleOnly = !config.discord && !config.telegram;
  const log = createLogger({
    level: config.logLevel,
    production: config.production,
    secrets: configSecrets(config),
    // The console chat owns standard output; its logs go to standard error.
    ...(consoleOnly ? { destination: pino.destination({ dest: 2, sync: true }) } : {}),
  });
  // From here on, SIGTERM and SIGINT shut down the same way whatever is under way.
  const shutdown = createShutdown({ log, exit: (code) => process.exit(code) });
  exitOnSignals(shutdown, log, (code) => process.exit(code));
  const early = takeEarlySignal();
  if (early) {
    // Nothing was opened yet: nothing to stop.
    shutdown.begin(early);
    shutdown.finish();
    log.info({ shutdownMs: shutdown.elapsedMs() }, "stopped");
    return 0;
  }
  log.info(describeConfig(config));
  const telemetry = createPrometheusTelemetry({
    known: {
      platforms: [...(config.discord ? ["discord"] : []), ...(config.telegram ? ["telegram"] : [])],
      commands: COMMANDS.map((command) => command.name),
    },
  });

  let app: App;
  try {
    app = await shutdown.during("opening the store", openApp(config, log, { telemetry }));
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (shutdown.stopping.aborted) {
    await closeStore(app, log, shutdown);
    log.info({ shutdownMs: shutdown.elapsedMs() }, "stopped");
    return 0;
  }
  const sources = createPaperSources({ ...config.sources, log });
  const serviceDeps = {
    index: app.index,
    store: app.store,
    log,
    defaults: { time: config.digest.defaultTime, timezone: config.digest.defaultTimezone },
    lookup: (ids: readonly string[]) => sources.arxiv.byIds(ids),
    // The scheduler's ingestion task, once it runs (the console chat has none): when it runs next.
    nextIngest: () =>
      [...cron.getTasks().values()].find((task) => task.name === "ingestion")?.getNextRun() ?? undefined,
    admins: new Set(config.admins),
    telemetry,
  };
  if (consoleOnly) {
    await Promise.race([
      runChat({ ...serviceDeps, input: process.stdin, output: process.stdout, reason: "no-tokens" }),
      shutdown.begun,
    ]);
    await closeStore(app, log, shutdown);
    return 0;
  }
  const service = createCommandService(serviceDeps);
  return runBots(config, app, { service, sources, telemetry }, log, shutdown);
}

async function runBots(
  config: Config,
  app: App,
  {
    service,
    sources,
    telemetry,
  }: {
    service: ReturnType<typeof createCommandService>;
    sources: PaperSources;
    telemetry: PrometheusTelemetry;
  },
  log: pino.Logger,
  shutdown: Shutdown,
): Promise<number> {
  let exitCode = 0;
  const fail = (message: string) => {
    log.error(message);
    exitCode = 1;
    shutdown.begin("a bot could not run");
  };
  // Until the bots run, no digest or reply is under way: a shutdown cuts every call short at once.
  let serving = false;
  const cutWhileStarting = () => {
    if (!serving) shutdown.cutNow();
  };
  if (shutdown.stopping.aborted) cutWhileStarting();
  else shutdown.stopping.addEventListener("abort", cutWhileStarting, { once: true });

  const platforms: PlatformBot[] = [];
  const adapters: Partial<Record<Platform, DeliveryAdapter>> = {};
  if (config.discord) {
    const gatewayJob = discordGatewayJob(config.discord);
    const gatewayWatch = new GatewayWatch(telemetry);
    const discord = createDiscordBot({
      ...config.discord,
      service,
      log,
      signal: shutdown.cutoff,
      // Instances sharing a store share the token: each set of shards is connected once.
      connectWhile: (gateway) => runWhileHeld(app.store.jobs, gatewayJob, gatewayWatch.around(gateway), log),
    });
    gatewayWatch.listen(discord.client);
    reportDiscordApiErrors(discord.client, telemetry);
    adapters.discord = discord.delivery;
    platforms.push({
      name: "discord",
      start: () => discord.start(),
      stop: () => discord.stop(),
      retryReason: (error) => (error instanceof DiscordUnavailableError ? error.reason : undefined),
      stopAfterSends: true,
    });
  }
  if (config.telegram) {
    const telegram = createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      service,
      log,
      signal: shutdown.cutoff,
      ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
      // Instances sharing a store share the token: one polls at a time, another takes over.
      pollWhile: (polling) => runWhileHeld(app.store.jobs, TELEGRAM_POLLING_JOB, polling, log),
      onFatalError: (error) => fail(error.message),
    });
    // Installed last, it sees each call once, after the automatic retries.
    telegram.bot.api.config.use(reportTelegramApi(telemetry));
    adapters.telegram = telegram.delivery;
    platforms.push({
      name: "telegram",
      start: () => telegram.start(),
      stop: () => telegram.stop(),
      retryReason: (error) => (error instanceof TelegramUnavailableError ? error.reason : undefined),
      stopAfterSends: false,
    });
  }
  await startPlatforms(platforms, shutdown, log, fail);

  let tick: TrackedJob<[]> | undefined;
  let scheduler: Scheduler | undefined;
  const others: Running[] = [];
  if (!shutdown.stopping.aborted) {
    const compose = createDigestComposer({
      index: app.index,
      papers: () => app.corpus.all(),
      calendar: new ArxivCalendar(config.digest.arxivHolidays),
    });
    tick = trackRuns(
      createDeliveryTick({
        store: app.store,
        owner: app.owner,
        compose,
        adapters,
        graceHours: config.digest.graceHours,
        log,
        stop: shutdown,
        telemetry,
      }),
    );
    const ingest = createIngestJob(app, Object.values(sources), config.sources.categories, log, telemetry);
    scheduler = startScheduler({
      tick: tick.run,
      ingest,
      ingestCron: config.sources.ingestCron,
      timezone: config.sources.ingestTimezone,
      log,
    });
    const sync = syncPapers({
      papers: app.store.papers,
      corpus: app.corpus,
      index: app.index,
      since: app.papersVersion,
      log,
    });
    others.push({ name: "paper sync", stop: () => sync.stop() });
    serving = true;
    if (config.healthPort !== undefined) {
      const check = createHealthCheck({
        latestRuns: () => app.store.ingestRuns.latest(),
        connections: () => telemetry.connections.list(),
        sources: Object.values(sources).map((source) => source.name),
        log,
      });
      const health = startHealthServer(config.healthPort, check, { metrics: telemetry.registry });
      others.push({ name: "health endpoint", stop: () => health.close() });
      await health.ready.catch((error: unknown) =>
        fail(error instanceof Error ? error.message : String(error)),
      );
    }
  }

  await shutdown.begun;
  const sendsDone = scheduler && tick ? stopScheduler(scheduler, tick, shutdown, log) : Promise.resolve();
  await Promise.all([
    shutdown.during("the delivery tick", sendsDone),
    ...platforms.map((platform) =>
      platform.stopAfterSends
        ? sendsDone.then(() => stopPart(platform, shutdown, log))
        : stopPart(platform, shutdown, log),
    ),
    ...others.map((part) => stopPart(part, shutdown, log)),
  ]);
  await closeStore(app, log, shutdown);
  log.info({ shutdownMs: shutdown.elapsedMs() }, "stopped");
  return exitCode;
}

/**
 * Starts every platform at once, each tried again while its API is unreachable or failing (one
 * warning per try). A failure no wait can mend (a rejected token) ends the start-up through
 * `fail`; a shutdown ends the tries.
 */
async function startPlatforms(
  platforms: readonly PlatformBot[],
  shutdown: Shutdown,
  log: pino.Logger,
  fail: (message: string) => void,
): Promise<void> {
  await Promise.all(
    platforms.map(async (platform) => {
      const { name, retryReason } = platform;
      try {
        const starting = startWithRetry(() => platform.start(), {
          platform: name,
          log,
          signal: shutdown.stopping,
          retryReason,
        });
        await shutdown.during(`starting ${name}`, starting);
      } catch (error) {
        if (!(error instanceof StartAborted)) fail(error instanceof Error ? error.message : String(error));
      }
    }),
  );
}

/**
 * Stops the scheduler: no new tick or ingestion starts, and the tick under way ends (its sends
 * finish, or are given up at the cutoff, and are recorded). An ingestion still fetching at the
 * cutoff is left behind: the next run fetches again.
 */
async function stopScheduler(
  scheduler: Scheduler,
  tick: TrackedJob<[]>,
  shutdown: Shutdown,
  log: pino.Logger,
): Promise<void> {
  const stopped = scheduler.stop().then(() => true);
  const tickDone = whenAborted(shutdown.cutoff)
    .then(() => tick.idle())
    .then(() => false);
  if (!(await Promise.race([stopped, tickDone]))) {
    log.warn("shutting down: the ingestion under way is left unfinished; its next run fetches again");
  }
}

function stopPart(part: Running, shutdown: Shutdown, log: pino.Logger): Promise<void> {
  return shutdown.during(
    part.name,
    part.stop().catch((error: unknown) => log.error({ err: String(error) }, `stopping ${part.name} failed`)),
  );
}

/** Closes the store, the last part to stop: the shutdown deadline no longer applies after it. */
async function closeStore(app: App, log: pino.Logger, shutdown: Shutdown): Promise<void> {
  await shutdown.during(
    "closing the store",
    app
      .close()
      .catch((error: unknown) =>
        log.error(
          { err: String(error) },
          "could not close the store cleanly; every acknowledged change was already stored",
        ),
      ),
  );
  shutdown.finish();
}

/** Resolves once what was written to `stream` so far is out (or the stream failed or is gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (!stream.writable) return Promise.resolve();
  return new Promise((resolve) => stream.write("", () => resolve()));
}

main().then(
  async (code) => {
    process.exitCode = code;
    // Lingering sockets (keep-alive, the gateway, a request that never returned) must not hold a
    // stopped bot open: exit once the output is out, or after a second in any case.
    setTimeout(() => process.exit(code), 1_000).unref();
    await flushed(process.stdout);
    await flushed(process.stderr);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `paperboy failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
