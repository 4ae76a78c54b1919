import { pino } from "pino";
import { createDeliveryTick } from "./app/delivery-tick.js";
import { runWhileHeld } from "./app/held-job.js";
import { createIngestJob } from "./app/ingest-job.js";
import { syncPapers } from "./app/paper-sync.js";
import { openApp, type App } from "./app/open-app.js";
import { createDiscordBot } from "./bots/discord/client.js";
import { createTelegramBot } from "./bots/telegram/bot.js";
import { runChat } from "./cli/chat.js";
import { ConfigError, configSecrets, describeConfig, loadConfig, type Config } from "./config.js";
import type { Platform } from "./core/target.js";
import { createCommandService } from "./core/commands/service.js";
import type { DeliveryAdapter } from "./core/delivery/port.js";
import { createDigestComposer } from "./core/recommender/digest.js";
import { startHealthServer } from "./health.js";
import { createLogger } from "./logger.js";
import { startScheduler } from "./scheduler/scheduler.js";
import { createPaperSources, type PaperSources } from "./sources/create.js";

interface Running {
  stop(): Promise<void>;
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
  log.info(describeConfig(config));

  let app: App;
  try {
    app = await openApp(config, log);
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const sources = createPaperSources({ ...config.sources, log });
  const serviceDeps = {
    index: app.index,
    store: app.store,
    log,
    defaults: { time: config.digest.defaultTime, timezone: config.digest.defaultTimezone },
    lookup: (ids: readonly string[]) => sources.arxiv.byIds(ids),
  };
  if (consoleOnly) {
    await runChat({ ...serviceDeps, input: process.stdin, output: process.stdout, reason: "no-tokens" });
    await app.close();
    return 0;
  }
  return runBots(config, app, { service: createCommandService(serviceDeps), sources }, log);
}

async function runBots(
  config: Config,
  app: App,
  { service, sources }: { service: ReturnType<typeof createCommandService>; sources: PaperSources },
  log: pino.Logger,
): Promise<number> {
  const running: Running[] = [];
  const adapters: Partial<Record<Platform, DeliveryAdapter>> = {};
  let failed: (code: number) => void = () => {};
  const fatal = new Promise<number>((resolve) => (failed = resolve));
  try {
    if (config.discord) {
      const gatewayJob = discordGatewayJob(config.discord);
      const discord = createDiscordBot({
        ...config.discord,
        service,
        log,
        // Instances sharing a store share the token: each set of shards is connected once.
        connectWhile: (gateway) => runWhileHeld(app.store.jobs, gatewayJob, gateway, log),
      });
      await discord.start();
      running.push(discord);
      adapters.discord = discord.delivery;
    }
    if (config.telegram) {
      const telegram = createTelegramBot({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        service,
        log,
        ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
        // Instances sharing a store share the token: one polls at a time, another takes over.
        pollWhile: (polling) => runWhileHeld(app.store.jobs, TELEGRAM_POLLING_JOB, polling, log),
        onFatalError: (error) => {
          log.error(error.message);
          failed(1);
        },
      });
      await telegram.start();
      running.push(telegram);
      adapters.telegram = telegram.delivery;
    }
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    await shutdown(running, app, log);
    return 1;
  }

  const compose = createDigestComposer({ index: app.index, papers: () => app.corpus.all() });
  const scheduler = startScheduler({
    tick: createDeliveryTick({
      store: app.store,
      owner: app.owner,
      compose,
      adapters,
      graceHours: config.digest.graceHours,
      log,
    }),
    ingest: createIngestJob(app, Object.values(sources), config.sources.categories, log),
    ingestCron: config.sources.ingestCron,
    timezone: config.sources.ingestTimezone,
    log,
  });
  running.unshift(scheduler);
  running.push(
    syncPapers({
      papers: app.store.papers,
      corpus: app.corpus,
      index: app.index,
      since: app.papersVersion,
      log,
    }),
  );
  if (config.healthPort !== undefined) {
    const health = startHealthServer(config.healthPort, () => ({ ok: true, detail: "ok" }));
    await health.ready;
    running.push({ stop: () => health.close() });
  }

  const code = await Promise.race([fatal, signalled(log)]);
  await shutdown(running, app, log);
  return code;
}

function signalled(log: pino.Logger): Promise<number> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      log.info({ signal }, "shutting down");
      resolve(0);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
}

/** Stops the scheduler first (an in-flight tick finishes), then the bots, then closes the store. */
async function shutdown(running: Running[], app: App, log: pino.Logger): Promise<void> {
  for (const part of running) {
    await part.stop().catch((error: unknown) => log.error({ err: String(error) }, "stopping failed"));
  }
  await app
    .close()
    .catch((error: unknown) =>
      log.error(
        { err: String(error) },
        "could not close the store cleanly; every acknowledged change was already stored",
      ),
    );
  log.info("stopped");
}

main().then(
  (code) => {
    process.exitCode = code;
    // Lingering sockets (keep-alive, the gateway) must not hold a stopped bot open.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `paperboy failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
