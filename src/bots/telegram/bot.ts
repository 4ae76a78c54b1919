import { Api, Bot, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { CommandService } from "../../core/commands/context.js";
import type { DeliveryAdapter } from "../../core/delivery/port.js";
import type { Logger } from "../../core/log.js";
import { MENU_COMMANDS } from "./commands.js";
import { AdminCheck } from "./context.js";
import { installRetryLimits, TelegramDelivery } from "./delivery.js";
import { describeError, TelegramTokenError } from "./errors.js";
import { registerHandlers } from "./handlers.js";
import { abortCallsOn, grammySignal, watchPolling } from "./api-calls.js";
import {
  startPolling,
  startWebhook,
  type PollingRun,
  type StopFunction,
  type WebhookOptions,
} from "./transport.js";

/** How long the start-up calls (getMe, the command menu, setWebhook) may go unanswered. */
export const START_CALL_TIMEOUT_MS = 10_000;

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
  /**
   * Aborted when calls still under way must be cut short (the process shutting down, its grace
   * period over): every Bot API call this bot makes, or would make, fails at once from then on.
   */
  signal?: AbortSignal;
}

/** Receiving updates, started and stopped as a whole. */
export interface Transport {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TelegramBot {
  bot: Bot;
  delivery: DeliveryAdapter;
  /**
   * Checks the token (getMe), publishes the command menu and starts polling or the webhook server.
   * Throws TelegramTokenError for a rejected token, TelegramUnavailableError when the Bot API could
   * not be reached or failed (worth another try), another Error otherwise. Never the token.
   */
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
  const { log, signal } = options;
  const apiRoot = normaliseApiRoot(options.apiRoot);
  const bot = new Bot(token, {
    client: { apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Innermost, so that it sees every try the retries below make.
  bot.api.config.use(watchPolling(log, token));
  installRetryLimits(bot.api);
  // Outermost, so that the abort reaches the retries' waits as well as the request.
  if (signal) bot.api.config.use(abortCallsOn(signal));
  // getMe alone, without the retries: start()'s caller decides when to try again, and says so.
  const probe = new Api(token, { apiRoot, timeoutSeconds: START_CALL_TIMEOUT_MS / 1000 });
  if (signal) probe.config.use(abortCallsOn(signal));
  registerHandlers(bot, {
    service: options.service,
    log,
    token,
    apiRoot,
    admins: new AdminCheck(bot.api, log, token),
  });
  const delivery = new TelegramDelivery(bot.api, log, token);
  let stopTransport: StopFunction | undefined;
  let polling: PollingRun | undefined;
  // Stopping while polling starts (a Bot API that does not answer) ends the start too.
  const pollingTransport: Transport = {
    start: async () => {
      const run = startPolling(bot, log, token, options.onFatalError);
      polling = run;
      await run.ready;
    },
    stop: async () => {
      const run = polling;
      polling = undefined;
      await run?.stop();
    },
  };

  return {
    bot,
    delivery,
    async start() {
      if (stopTransport) return;
      try {
        if (!options.botInfo) bot.botInfo = await probe.getMe();
        await publishMenu(bot, log, token);
        stopTransport = options.webhook
          ? (await startWebhook(bot, options.webhook, log, token, START_CALL_TIMEOUT_MS)).stop
          : await startPollingTransport(pollingTransport, options.pollWhile);
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

/**
 * The command menu is cosmetic: the bot works without it, so a failure is only logged, and a Bot
 * API that does not answer holds the start up for START_CALL_TIMEOUT_MS at most.
 */
async function publishMenu(bot: Bot, log: Logger, token: string): Promise<void> {
  try {
    const timeout = grammySignal(AbortSignal.timeout(START_CALL_TIMEOUT_MS));
    await bot.api.setMyCommands([...MENU_COMMANDS], undefined, timeout);
  } catch (error) {
    log.warn({ err: describeError(error, token) }, "telegram command menu not set; commands still work");
  }
}

/**
 * Thrown by `start()` when the Bot API could not be reached or failed (a network error, a timeout,
 * a 5xx or 429): the token may be fine, so starting again later may work. Never holds the token.
 */
export class TelegramUnavailableError extends Error {
  override readonly name = "TelegramUnavailableError";
  constructor(
    /** What went wrong, safe to log. */
    readonly reason: string,
  ) {
    // No `cause`: grammY's network errors hold the request URL, and with it the token.
    super(`The Telegram bot could not start: ${reason}`);
  }
}

/** A token refused: 401 when revoked or mistyped, 404 when malformed, 403 from a Bot API that forbids it. */
const REJECTED_TOKEN = new Set([401, 403, 404]);

function startupError(error: unknown, token: string): Error {
  if (error instanceof TelegramTokenError) return error;
  if (error instanceof GrammyError && REJECTED_TOKEN.has(error.error_code)) {
    return new TelegramTokenError(
      `Telegram rejected the bot token (${error.error_code} ${error.description})`,
    );
  }
  const reason = describeError(error, token);
  const unavailable =
    error instanceof HttpError ||
    (error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429));
  if (unavailable) return new TelegramUnavailableError(reason);
  return new Error(`The Telegram bot could not start: ${reason}`);
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
