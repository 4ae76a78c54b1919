import { Client, Events, GatewayIntentBits } from "discord.js";
import type { RESTOptions } from "discord.js";
import type { CommandService } from "../../core/commands/context.js";
import type { DeliveryAdapter } from "../../core/delivery/port.js";
import type { Logger } from "../../core/log.js";
import { DiscordDelivery } from "./delivery.js";
import { describeError, isRejectedToken } from "./discord-errors.js";
import { InteractionRouter } from "./interactions.js";

/** Rate limits longer than this are handed back to the scheduler as "retry later" instead of awaited. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

export interface DiscordBotOptions {
  token: string;
  appId?: string;
  /** The REST base, e.g. `https://discord.com/api` or a REST proxy. */
  apiRoot: string;
  service: CommandService;
  log: Logger;
  /** Gateway shards of this instance, out of `shardCount` across all instances (bots in 2,500+ servers). */
  shards?: number[];
  shardCount?: number;
}

export interface DiscordBot {
  client: Client;
  /** Logs in and starts answering interactions. */
  start(): Promise<void>;
  /** Waits for interactions in progress, then disconnects. */
  stop(): Promise<void>;
  /** Resolves when every interaction received so far has been answered. */
  idle(): Promise<void>;
  delivery: DeliveryAdapter;
}

/** Thrown by `start()` when Discord refuses the token. Its message never contains the token. */
export class DiscordTokenError extends Error {
  override readonly name = "DiscordTokenError";
  constructor(problem: "missing" | "rejected", options?: { cause?: unknown }) {
    super(
      `${problem === "missing" ? "No Discord bot token was given" : "Discord rejected the bot token"}. ` +
        "Set DISCORD_TOKEN to the token from the Bot page of your application at " +
        "https://discord.com/developers/applications (Reset Token if unsure).",
      options,
    );
  }
}

/** REST settings shared by the bot and the deploy script. */
export function discordRestOptions(apiRoot: string): Partial<RESTOptions> {
  return {
    api: apiRoot.replace(/\/+$/, ""),
    rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
  };
}

/**
 * Builds the Discord adapter without touching the network; `start()` logs in.
 *
 * @example
 * const bot = createDiscordBot({ token, apiRoot: "https://discord.com/api", service, log });
 * await bot.start();
 * scheduler.addAdapter(bot.delivery);
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { log } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: discordRestOptions(options.apiRoot),
    allowedMentions: { parse: [] },
    ...(options.shards && options.shardCount
      ? { shards: options.shards, shardCount: options.shardCount }
      : {}),
  });
  const router = new InteractionRouter({ service: options.service, log });
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.on(Events.Error, (error) => log.error({ err: describeError(error) }, "Discord client error"));
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, appId: options.appId ?? ready.application.id }, "Discord bot ready");
  });

  return {
    client,
    delivery: new DiscordDelivery(client.rest, log),
    idle: () => router.idle(),
    async start() {
      if (!options.token.trim()) throw new DiscordTokenError("missing");
      try {
        await client.login(options.token);
      } catch (error) {
        if (isRejectedToken(error)) throw new DiscordTokenError("rejected", { cause: error });
        throw error;
      }
    },
    async stop() {
      await router.idle();
      await client.destroy();
    },
  };
}
