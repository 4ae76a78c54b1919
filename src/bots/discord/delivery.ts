import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes, Routes } from "discord.js";
import type { REST } from "discord.js";
import type { Reply } from "../../core/commands/reply.js";
import { settlePartialSend, type DeliveryAdapter, type SendResult } from "../../core/delivery/port.js";
import { silentLogger, type Logger } from "../../core/log.js";
import { renderReply, toRestBody, type DiscordMessage } from "./render.js";

/** The target is gone or shut us out: the scheduler pauses its subscription. */
const GONE_CODES: ReadonlySet<number | string> = new Set([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.UnknownUser,
]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "EPIPE"]);
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * Posts digests to Discord channels and DMs over REST (no gateway needed). `chatId` is a channel id,
 * `user:<id>` for a DM, `channel:<id>`, or a bare id, tried as a channel first and then as a user's DM.
 * Short rate limits are waited out by discord.js; `send` never throws.
 */
export class DiscordDelivery implements DeliveryAdapter {
  readonly platform = "discord" as const;
  readonly #rest: REST;
  readonly #log: Logger;
  readonly #dmChannels = new Map<string, string>();

  constructor(rest: REST, log: Logger = silentLogger) {
    this.#rest = rest;
    this.#log = log;
  }

  async send(chatId: string, reply: Reply): Promise<SendResult> {
    const address = parseChatId(chatId);
    if (!address)
      return { ok: false, kind: "failed", reason: `"${chatId}" is not a Discord channel or user id` };
    const messages = renderReply(reply);
    let sent = 0;
    try {
      let channelId = address.dm ? await this.#dmChannel(address.id) : this.#knownChannel(address);
      for (const message of messages) {
        channelId = await this.#post(
          channelId,
          message,
          address.ambiguous && sent === 0 ? address.id : undefined,
        );
        sent += 1;
      }
      return { ok: true };
    } catch (error) {
      const result = settlePartialSend(classifySendError(error), sent, messages.length);
      this.#log.debug({ chatId, kind: result.ok ? "ok" : result.kind }, "Discord digest not delivered");
      return result;
    }
  }

  /** Posts one message; when `maybeUserId` is set and no such channel exists, retries it as a DM. Returns where it went. */
  async #post(channelId: string, message: DiscordMessage, maybeUserId?: string): Promise<string> {
    try {
      await this.#rest.post(Routes.channelMessages(channelId), { body: toRestBody(message) });
      return channelId;
    } catch (error) {
      if (!maybeUserId || !isCode(error, RESTJSONErrorCodes.UnknownChannel)) throw error;
      const dmChannelId = await this.#dmChannel(maybeUserId).catch((dmError: unknown) => {
        throw isClientError(dmError) ? error : dmError;
      });
      await this.#rest.post(Routes.channelMessages(dmChannelId), { body: toRestBody(message) });
      return dmChannelId;
    }
  }

  #knownChannel(address: ChatAddress): string {
    return (address.ambiguous && this.#dmChannels.get(address.id)) || address.id;
  }

  async #dmChannel(userId: string): Promise<string> {
    const known = this.#dmChannels.get(userId);
    if (known) return known;
    const channel = (await this.#rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    this.#dmChannels.set(userId, channel.id);
    return channel.id;
  }
}

interface ChatAddress {
  id: string;
  /** `user:` was given: a DM. */
  dm: boolean;
  /** No prefix: a channel id, or else a user id. */
  ambiguous: boolean;
}

function parseChatId(chatId: string): ChatAddress | undefined {
  const prefix = /^(user|channel):/.exec(chatId)?.[1];
  const id = prefix ? chatId.slice(prefix.length + 1) : chatId;
  return SNOWFLAKE.test(id) ? { id, dm: prefix === "user", ambiguous: prefix === undefined } : undefined;
}

/** Maps a failed Discord call to what the scheduler should do about it. */
export function classifySendError(error: unknown): SendResult {
  if (error instanceof RateLimitError) {
    return { ok: false, kind: "retry", reason: "Discord rate limit", retryAfterMs: error.retryAfter };
  }
  if (error instanceof DiscordAPIError) {
    const reason = `Discord ${error.code}: ${error.message}`;
    if (GONE_CODES.has(error.code)) return { ok: false, kind: "gone", reason };
    if (error.status === 429 || error.status >= 500) return { ok: false, kind: "retry", reason };
    if (error.status === 401) {
      return {
        ok: false,
        kind: "failed",
        reason: "Discord rejected the bot token (401); set a valid DISCORD_TOKEN",
      };
    }
    return { ok: false, kind: "failed", reason };
  }
  if (error instanceof HTTPError) return { ok: false, kind: "retry", reason: `Discord HTTP ${error.status}` };
  if (isNetworkError(error))
    return { ok: false, kind: "retry", reason: `network: ${(error as Error).message}` };
  return { ok: false, kind: "failed", reason: error instanceof Error ? error.message : String(error) };
}

function isCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

function isClientError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 429
  );
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "AbortError" || error.name === "TimeoutError") return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR"))) return true;
  return error.message === "fetch failed";
}
