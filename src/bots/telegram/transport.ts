import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../../core/log.js";
import { grammySignal } from "./api-calls.js";
import { describeError } from "./errors.js";

/** Stops a running transport; resolves once in-flight updates are done. */
export type StopFunction = () => Promise<void>;

/** The updates the handlers use; asking only for these saves traffic. */
export const ALLOWED_UPDATES = ["message", "channel_post", "callback_query"] as const;

export interface WebhookOptions {
  /** The public URL Telegram posts updates to; its path is the one the server answers on. */
  url: string;
  /** Checked on every request (X-Telegram-Bot-Api-Secret-Token); a random one is made when absent. */
  secret?: string;
  port: number;
  /** Interface to listen on; all interfaces by default. */
  host?: string;
}

export interface RunningWebhook {
  stop: StopFunction;
  /** The port actually bound (useful when asked for port 0). */
  port: number;
}

const SECRET_FORM = /^[A-Za-z0-9_-]{1,256}$/;
const MAX_UPDATE_BYTES = 1_000_000;

/** Long polling, started: `ready` settles once it runs (or failed to start), `stop` ends it either way. */
export interface PollingRun {
  /** Resolves once polling runs; rejects if it could not start (or was stopped before it did). */
  ready: Promise<void>;
  /** Stops polling, or its start if it is still under way; resolves once in-flight updates are done. */
  stop: StopFunction;
}

/**
 * Starts long polling. A later fatal polling error (another instance polling with the same token:
 * 409, a revoked token: 401) is logged and passed to `onFatal`. Stopping does not wait for a Bot
 * API that does not answer beyond the calls' own abort (see abortCallsOn).
 */
export function startPolling(
  bot: Bot,
  log: Logger,
  token: string,
  onFatal?: (error: Error) => void,
): PollingRun {
  let started = false;
  let stopping = false;
  let markReady: () => void = () => {};
  let failReady: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  const running = bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    onStart: () => {
      started = true;
      markReady();
    },
  });
  running.then(
    () => {
      if (!started) failReady(new Error("Telegram polling was stopped before it started"));
    },
    (error: unknown) => {
      if (!started) return failReady(error);
      if (stopping) return;
      log.error({ err: describeError(error, token) }, "telegram polling stopped");
      onFatal?.(new Error(`Telegram polling stopped: ${describeError(error, token)}`));
    },
  );
  const stop: StopFunction = async () => {
    stopping = true;
    try {
      // Also ends a start under way (grammY retries deleteWebhook until it is stopped).
      await bot.stop();
    } catch (error) {
      log.warn({ err: describeError(error, token) }, "telegram polling did not confirm its last update");
    }
    await running.catch(() => undefined);
  };
  return { ready, stop };
}

/**
 * Serves Telegram's webhook on `options.port` with grammY's handler, which answers 401 to any request
 * without the right secret header, then registers the URL and secret with setWebhook.
 */
export async function startWebhook(
  bot: Bot,
  options: WebhookOptions,
  log: Logger,
  token: string,
  /** How long setWebhook may go unanswered before the start fails. */
  callTimeoutMs = 10_000,
): Promise<RunningWebhook> {
  const path = webhookPath(options.url);
  const secret = options.secret ?? randomBytes(32).toString("hex");
  if (!SECRET_FORM.test(secret)) {
    throw new Error("TELEGRAM_WEBHOOK_SECRET must be 1–256 characters made of A–Z, a–z, 0–9, _ and -.");
  }
  const handleUpdate = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return" });
  const server = createServer((req, res) => {
    void serveWebhook(req, res, path, handleUpdate).catch((error: unknown) => {
      log.error({ err: describeError(error, token) }, "telegram webhook request failed");
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const stop: StopFunction = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  try {
    await bot.api.setWebhook(
      options.url,
      { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] },
      grammySignal(AbortSignal.timeout(callTimeoutMs)),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log.info({ port, path }, "telegram webhook listening");
  return { stop, port };
}

async function serveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  handleUpdate: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<void> {
  const requestPath = new URL(req.url ?? "/", "http://localhost").pathname;
  if (requestPath !== path) return void res.writeHead(404).end();
  if (req.method !== "POST") return void res.writeHead(405, { Allow: "POST" }).end();
  if (Number(req.headers["content-length"] ?? 0) > MAX_UPDATE_BYTES) return void res.writeHead(413).end();
  await handleUpdate(req, res);
}

function webhookPath(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return parsed.pathname;
  } catch {
    // reported below
  }
  throw new Error("TELEGRAM_WEBHOOK_URL must be an https URL such as https://bot.example.com/telegram.");
}
