import { GatewayWatch, reportDiscordApiErrors } from "../bots/discord/api-telemetry.js";
import { createDiscordBot, DiscordUnavailableError } from "../bots/discord/client.js";
import { reportTelegramApi } from "../bots/telegram/api-telemetry.js";
import { createTelegramBot, TelegramUnavailableError } from "../bots/telegram/bot.js";
import type { Config } from "../config.js";
import type { CommandService } from "../core/commands/context.js";
import type { DeliveryAdapter } from "../core/delivery/port.js";
import type { Logger } from "../core/log.js";
import type { Store } from "../core/store/port.js";
import type { Platform } from "../core/target.js";
import type { PrometheusTelemetry } from "../metrics/prometheus.js";
import { runWhileHeld } from "./held-job.js";
import type { Running } from "./running.js";

/** A chat platform being started, with what tells a failure worth another try. */
export interface PlatformBot extends Running {
  start(): Promise<void>;
  /** See StartRetryOptions.retryReason. */
  retryReason(error: unknown): string | undefined;
  /** Stopped only once the delivery tick is (Discord: stopping the client ends its REST sends too). */
  stopAfterSends: boolean;
}

/** The configured platforms, in start order, and the adapters the delivery tick sends through. */
export interface PlatformBots {
  platforms: PlatformBot[];
  adapters: Partial<Record<Platform, DeliveryAdapter>>;
}

export interface PlatformBotDeps {
  /** Its job locks keep a gateway connection or the polling on one instance among those sharing it. */
  store: Pick<Store, "jobs">;
  service: CommandService;
  telemetry: PrometheusTelemetry;
  log: Logger;
  /** Aborted when shutdown cuts platform calls short. */
  cutoff: AbortSignal;
  /** Ends the start-up with `message` (a bot that cannot run). */
  fail(message: string): void;
}

/** One bot per platform that has a token, with its telemetry hooks installed; none started yet. */
export function createPlatformBots(
  config: Pick<Config, "discord" | "telegram">,
  deps: PlatformBotDeps,
): PlatformBots {
  const platforms: PlatformBot[] = [];
  const adapters: Partial<Record<Platform, DeliveryAdapter>> = {};
  if (config.discord) {
    const discord = discordBot(config.discord, deps);
    adapters.discord = discord.delivery;
    platforms.push(discord.platform);
  }
  if (config.telegram) {
    const telegram = telegramBot(config.telegram, deps);
    adapters.telegram = telegram.delivery;
    platforms.push(telegram.platform);
  }
  return { platforms, adapters };
}

interface BuiltBot {
  platform: PlatformBot;
  delivery: DeliveryAdapter;
}

const TELEGRAM_POLLING_JOB = "telegram-polling";

/** One job per set of gateway shards: instances configured with other shards connect beside it. */
function discordGatewayJob(discord: NonNullable<Config["discord"]>): string {
  return discord.shardCount
    ? `discord-gateway:${discord.shards?.join(",")}/${discord.shardCount}`
    : "discord-gateway";
}

function discordBot(config: NonNullable<Config["discord"]>, deps: PlatformBotDeps): BuiltBot {
  const { store, service, telemetry, log, cutoff } = deps;
  const gatewayJob = discordGatewayJob(config);
  const gatewayWatch = new GatewayWatch(telemetry);
  const discord = createDiscordBot({
    ...config,
    service,
    log,
    signal: cutoff,
    // Instances sharing a store share the token: each set of shards is connected once.
    connectWhile: (gateway) => runWhileHeld(store.jobs, gatewayJob, gatewayWatch.around(gateway), log),
  });
  gatewayWatch.listen(discord.client);
  reportDiscordApiErrors(discord.client, telemetry);
  const platform: PlatformBot = {
    name: "discord",
    start: () => discord.start(),
    stop: () => discord.stop(),
    retryReason: (error) => (error instanceof DiscordUnavailableError ? error.reason : undefined),
    stopAfterSends: true,
  };
  return { platform, delivery: discord.delivery };
}

function telegramBot(config: NonNullable<Config["telegram"]>, deps: PlatformBotDeps): BuiltBot {
  const { store, service, telemetry, log, cutoff, fail } = deps;
  const telegram = createTelegramBot({
    token: config.token,
    apiRoot: config.apiRoot,
    service,
    log,
    signal: cutoff,
    ...(config.webhook ? { webhook: config.webhook } : {}),
    // Instances sharing a store share the token: one polls at a time, another takes over.
    pollWhile: (polling) => runWhileHeld(store.jobs, TELEGRAM_POLLING_JOB, polling, log),
    onFatalError: (error) => fail(error.message),
  });
  // Installed last, it sees each call once, after the automatic retries.
  telegram.bot.api.config.use(reportTelegramApi(telemetry));
  const platform: PlatformBot = {
    name: "telegram",
    start: () => telegram.start(),
    stop: () => telegram.stop(),
    retryReason: (error) => (error instanceof TelegramUnavailableError ? error.reason : undefined),
    stopAfterSends: false,
  };
  return { platform, delivery: telegram.delivery };
}
