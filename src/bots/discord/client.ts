import {
  Client,
  DefaultRestOptions,
  DiscordAPIError,
  DiscordjsError,
  Events,
  GatewayIntentBits,
  HTTPError,
  RateLimitError,
  Routes,
} from "discord.js";
import type { RESTOptions } from "discord.js";
import type { CommandService } from "../../core/commands/context.js";
import type { DeliveryAdapter } from "../../core/delivery/port.js";
import type { Logger } from "../../core/log.js";
import { DiscordDelivery } from "./delivery.js";
import { describeError, isRejectedToken } from "./discord-errors.js";
import { InteractionRouter } from "./interactions.js";

/** Rate limits longer than this are handed back to the scheduler as "retry later" instead of awaited. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** How long the token check at start (a REST call and its retries) may take before it counts as failed. */
export const START_CHECK_TIMEOUT_MS = 10_000;

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
  /**
   * Aborted when calls still under way must be cut short (the process shutting down, its grace
   * period over): every REST request this bot makes, or would make, fails at once from then on.
   */
  signal?: AbortSignal;
}

/** The gateway connection, opened and closed as a whole. */
export interface Gateway {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DiscordBot {
  client: Client;
  /**
   * Checks the token and starts answering interactions. Throws DiscordTokenError for a missing or
   * rejected token, DiscordUnavailableError when Discord could not be reached or failed (worth
   * another try), another Error otherwise. Never the token.
   */
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

/**
 * Thrown by `start()` when Discord could not be reached or failed (a network error, a timeout, a
 * 5xx, a rate limit): the token may be fine, so starting again later may work.
 */
export class DiscordUnavailableError extends Error {
  override readonly name = "DiscordUnavailableError";
  constructor(
    /** What went wrong, safe to log. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The Discord bot could not start: ${reason}`, options);
  }
}

/**
 * REST settings shared by the bot and the deploy script. With `cutoff`, every request is aborted
 * once it is (the process shutting down), however long the REST client would have waited.
 */
export function discordRestOptions(apiRoot: string, cutoff?: AbortSignal): Partial<RESTOptions> {
  return {
    api: apiRoot.replace(/\/+$/, ""),
    rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
    ...(cutoff && {
      makeRequest: (url, init) => abortableRequest(url, init, cutoff),
    }),
  };
}

/** One REST request through discord.js's own transport, aborted by its own signal or by `cutoff`. */
async function abortableRequest(
  url: string,
  init: Parameters<RESTOptions["makeRequest"]>[1],
  cutoff: AbortSignal,
): ReturnType<RESTOptions["makeRequest"]> {
  const own = init.signal ?? undefined;
  const both = new AbortController();
  const abort = () => both.abort();
  if (own?.aborted || cutoff.aborted) both.abort();
  own?.addEventListener("abort", abort);
  cutoff.addEventListener("abort", abort);
  try {
    return await DefaultRestOptions.makeRequest(url, { ...init, signal: both.signal });
  } finally {
    own?.removeEventListener("abort", abort);
    cutoff.removeEventListener("abort", abort);
  }
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
    rest: discordRestOptions(options.apiRoot, options.signal),
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
        throw startupError(error);
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
        await client.rest.get(Routes.gatewayBot(), { signal: AbortSignal.timeout(START_CHECK_TIMEOUT_MS) });
      } catch (error) {
        throw startupError(error);
      }
      connection = options.connectWhile(gateway);
    },
    async stop() {
      await (connection ?? gateway).stop();
      connection = undefined;
    },
  };
}

/** A failed login or token check as what `start()` throws: see DiscordBot.start. */
function startupError(error: unknown): Error {
  if (isRejectedToken(error)) return new DiscordTokenError("rejected", { cause: error });
  if (isUnavailable(error))
    return new DiscordUnavailableError(describeError(error).message, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/** Discord failed or could not be reached: a 5xx, a rate limit, a network error or a timeout. */
function isUnavailable(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status === 429 || error.status >= 500;
  if (error instanceof HTTPError || error instanceof RateLimitError) return true;
  if (error instanceof DiscordjsError) return false;
  for (let cause = error, depth = 0; cause instanceof Error && depth < 3; cause = cause.cause, depth++) {
    if (cause.name === "AbortError" || cause.name === "TimeoutError") return true;
    const code = (cause as { code?: unknown }).code;
    // Node's network errors (ECONNREFUSED, ENOTFOUND, ECONNRESET…) and undici's (UND_ERR_…).
    if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return true;
  }
  return false;
}
