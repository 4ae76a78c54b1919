// First: from here on a signal is remembered, not fatal (see early-signals.ts).
import { takeEarlySignal } from "./app/early-signals.js";
import { pino } from "pino";
import { commandServiceDeps } from "./app/command-deps.js";
import { openApp, type App } from "./app/open-app.js";
import { runBots } from "./app/run-bots.js";
import { createShutdown, exitOnSignals, type Shutdown } from "./app/shutdown.js";
import { closeStore } from "./app/stop-parts.js";
import { runChat } from "./cli/chat.js";
import { ConfigError, configSecrets, describeConfig, loadConfig, type Config } from "./config.js";
import { COMMANDS } from "./core/commands/registry.js";
import { createCommandService } from "./core/commands/service.js";
import { createPrometheusTelemetry, type PrometheusTelemetry } from "./metrics/prometheus.js";
import { createLogger } from "./logger.js";
import { createPaperSources } from "./sources/create.js";
import { errorMessage } from "./core/error-message.js";

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
  const config = readConfig();
  if (!config) return 1;
  const consoleOnly = !config.discord && !config.telegram;
  const log = createMainLogger(config, consoleOnly);
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
  const telemetry = createTelemetry(config);
  const app = await openAppOrSay(config, log, shutdown, telemetry);
  if (!app) return 1;
  if (shutdown.stopping.aborted) {
    await closeStore(app, log, shutdown);
    log.info({ shutdownMs: shutdown.elapsedMs() }, "stopped");
    return 0;
  }
  const sources = createPaperSources({ ...config.sources, log });
  const serviceDeps = commandServiceDeps(config, app, sources, log, telemetry);
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

/** The configuration, or undefined once what is wrong with it is on standard error. */
function readConfig(): Config | undefined {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

function createMainLogger(config: Config, consoleOnly: boolean): pino.Logger {
  return createLogger({
    level: config.logLevel,
    production: config.production,
    secrets: configSecrets(config),
    // The console chat owns standard output; its logs go to standard error.
    ...(consoleOnly ? { destination: pino.destination({ dest: 2, sync: true }) } : {}),
  });
}

function createTelemetry(config: Config): PrometheusTelemetry {
  return createPrometheusTelemetry({
    known: {
      platforms: [...(config.discord ? ["discord"] : []), ...(config.telegram ? ["telegram"] : [])],
      commands: COMMANDS.map((command) => command.name),
    },
  });
}

/** The opened app, or undefined once why it could not be opened is logged. */
async function openAppOrSay(
  config: Config,
  log: pino.Logger,
  shutdown: Shutdown,
  telemetry: PrometheusTelemetry,
): Promise<App | undefined> {
  try {
    return await shutdown.during("opening the store", openApp(config, log, { telemetry }));
  } catch (error) {
    log.error(errorMessage(error));
    return undefined;
  }
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
