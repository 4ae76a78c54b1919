import { Client, Events, GatewayIntentBits, Routes } from "discord.js";
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
  /**
   * Decides when this instance holds the gateway connection, for instances sharing one token: two
   * connections of the same shards would each receive, and answer, every interaction. Given how to
   * connect and disconnect, it runs them while this instance may. Absent: connect from `start()` on.
   * Digests are sent over REST by every instance either way.
   */
  connectWhile?: (gateway: Gateway) => { stop(): Promise<void> };
}

/** The gateway connection, opened and closed as a whole. */
export interface Gateway {
  start(): Promise<void>;
  stop(): Promise<void>;
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

  const gateway: Gateway = {
    start: async () => {
      try {
        await client.login(options.token);
      } catch (error) {
        if (isRejectedToken(error)) throw new DiscordTokenError("rejected", { cause: error });
        throw error;
      }
    },
    stop: async () => {
      await router.idle();
      await client.destroy();
    },
  };
  let connection: { stop(): Promise<void> } | undefined;

  return {
    client,
    delivery: new DiscordDelivery(client.rest, log),
    idle: () => router.idle(),
    async start() {
      if (!options.token.trim()) throw new DiscordTokenError("missing");
      if (!options.connectWhile) {
        await gateway.start();
        connection = gateway;
        return;
      }
      // Sends over REST need the token even while another instance holds the gateway, and a
      // rejected token must stop this start, not be retried in the background.
      client.rest.setToken(options.token);
      try {
        await client.rest.get(Routes.gatewayBot());
      } catch (error) {
        if (isRejectedToken(error)) throw new DiscordTokenError("rejected", { cause: error });
        throw error;
      }
      connection = options.connectWhile(gateway);
    },
    async stop() {
      await (connection ?? gateway).stop();
      connection = undefined;
    },
  };
}
