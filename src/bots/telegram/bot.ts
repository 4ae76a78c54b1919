import { Bot, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { CommandService } from "../../core/commands/context.js";
import type { DeliveryAdapter } from "../../core/delivery/port.js";
import type { Logger } from "../../core/log.js";
import { MENU_COMMANDS } from "./commands.js";
import { AdminCheck } from "./context.js";
import { installRetryLimits, TelegramDelivery } from "./delivery.js";
import { describeError, TelegramTokenError } from "./errors.js";
import { registerHandlers } from "./handlers.js";
import { startPolling, startWebhook, type StopFunction, type WebhookOptions } from "./transport.js";

export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server, e.g. `http://localhost:8081`; Telegram's by default. */
  apiRoot?: string;
  service: CommandService;
  log: Logger;
  /** Known bot identity; skips the getMe call at startup (tests). */
  botInfo?: UserFromGetMe;
  /** Receive updates by webhook instead of long polling. */
  webhook?: WebhookOptions;
  /** Called when polling dies after a successful start (e.g. 409: the same token polled elsewhere). */
  onFatalError?: (error: Error) => void;
  /**
   * Decides when this instance polls, for instances sharing one token (Telegram answers 409 to two
   * pollers): given how to start and stop polling, it runs them while this instance may poll.
   * Absent: poll from `start()` on.
   */
  pollWhile?: (polling: Transport) => { stop(): Promise<void> };
}

/** Receiving updates, started and stopped as a whole. */
export interface Transport {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TelegramBot {
  bot: Bot;
  delivery: DeliveryAdapter;
  /** Checks the token, publishes the command menu and starts polling or the webhook server. */
  start(): Promise<void>;
  /** Stops receiving updates; waits for the update being handled. */
  stop(): Promise<void>;
}

/**
 * Builds the Telegram adapter over the command layer. Nothing touches the network until `start()`.
 *
 * @example
 * const telegram = createTelegramBot({ token, service, log });
 * await telegram.start();
 * process.once("SIGTERM", () => void telegram.stop());
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const token = options.token?.trim() ?? "";
  if (!token) throw new TelegramTokenError("TELEGRAM_BOT_TOKEN is not set");
  const { log } = options;
  const apiRoot = normaliseApiRoot(options.apiRoot);
  const bot = new Bot(token, {
    client: { apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  installRetryLimits(bot.api);
  registerHandlers(bot, {
    service: options.service,
    log,
    token,
    apiRoot,
    admins: new AdminCheck(bot.api, log, token),
  });
  const delivery = new TelegramDelivery(bot.api, log, token);
  let stopTransport: StopFunction | undefined;
  const polling: Transport = {
    start: async () => {
      stopPolling = await startPolling(bot, log, token, options.onFatalError);
    },
    stop: async () => {
      const stop = stopPolling;
      stopPolling = undefined;
      await stop?.();
    },
  };
  let stopPolling: StopFunction | undefined;

  return {
    bot,
    delivery,
    async start() {
      if (stopTransport) return;
      try {
        if (!options.botInfo) bot.botInfo = await bot.api.getMe();
        await publishMenu(bot, log, token);
        stopTransport = options.webhook
          ? (await startWebhook(bot, options.webhook, log, token)).stop
          : await startPollingTransport(polling, options.pollWhile);
      } catch (error) {
        throw startupError(error, token);
      }
      log.info(
        { username: bot.botInfo.username, mode: options.webhook ? "webhook" : "polling" },
        "telegram bot started",
      );
    },
    async stop() {
      const stop = stopTransport;
      stopTransport = undefined;
      await stop?.();
      if (stop) log.info({}, "telegram bot stopped");
    },
  };
}

/** Polls now, or hands polling to `pollWhile`, which starts it whenever this instance may poll. */
async function startPollingTransport(
  polling: Transport,
  pollWhile: TelegramBotOptions["pollWhile"],
): Promise<StopFunction> {
  if (!pollWhile) {
    await polling.start();
    return polling.stop;
  }
  return pollWhile(polling).stop;
}

/** The command menu is cosmetic: the bot works without it, so a failure is only logged. */
async function publishMenu(bot: Bot, log: Logger, token: string): Promise<void> {
  try {
    await bot.api.setMyCommands([...MENU_COMMANDS]);
  } catch (error) {
    log.warn({ err: describeError(error, token) }, "telegram command menu not set; commands still work");
  }
}

function startupError(error: unknown, token: string): Error {
  if (error instanceof TelegramTokenError) return error;
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return new TelegramTokenError(
      `Telegram rejected the bot token (${error.error_code} ${error.description})`,
    );
  }
  return new Error(`The Telegram bot could not start: ${describeError(error, token)}`);
}

function normaliseApiRoot(apiRoot: string | undefined): string {
  const root = (apiRoot ?? "https://api.telegram.org").trim().replace(/\/+$/, "");
  try {
    const { protocol } = new URL(root);
    if (protocol === "http:" || protocol === "https:") return root;
  } catch {
    // reported below
  }
  throw new Error("TELEGRAM_API_ROOT must be an http(s) URL such as https://api.telegram.org.");
}
