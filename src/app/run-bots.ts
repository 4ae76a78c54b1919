import type { Config } from "../config.js";
import type { CommandService } from "../core/commands/context.js";
import type { Logger } from "../core/log.js";
import type { PrometheusTelemetry } from "../metrics/prometheus.js";
import type { PaperSources } from "../sources/create.js";
import type { App } from "./open-app.js";
import { createPlatformBots } from "./platform-bots.js";
import { cutCallsUntilServing, startServing } from "./serving.js";
import type { Shutdown } from "./shutdown.js";
import { startPlatforms } from "./start-platforms.js";
import { closeStore, stopRunningParts } from "./stop-parts.js";

export interface BotDeps {
  service: CommandService;
  sources: PaperSources;
  telemetry: PrometheusTelemetry;
}

/**
 * Starts the bots that have tokens (Discord and Telegram at once), then the scheduler and what
 * serves beside them; once shutdown begins, stops them all and closes the store. Resolves with the
 * exit code: 1 when a bot could not run, else 0.
 */
export async function runBots(
  config: Config,
  app: App,
  { service, sources, telemetry }: BotDeps,
  log: Logger,
  shutdown: Shutdown,
): Promise<number> {
  let exitCode = 0;
  const fail = (message: string) => {
    log.error(message);
    exitCode = 1;
    shutdown.begin("a bot could not run");
  };
  const markServing = cutCallsUntilServing(shutdown);
  const { platforms, adapters } = createPlatformBots(config, {
    store: app.store,
    service,
    telemetry,
    log,
    cutoff: shutdown.cutoff,
    fail,
  });
  await startPlatforms(platforms, shutdown, log, fail);
  const serving = shutdown.stopping.aborted
    ? undefined
    : await startServing({ config, app, sources, telemetry, adapters, log, shutdown, fail }, markServing);

  await shutdown.begun;
  await stopRunningParts(platforms, serving, shutdown, log);
  await closeStore(app, log, shutdown);
  log.info({ shutdownMs: shutdown.elapsedMs() }, "stopped");
  return exitCode;
}
