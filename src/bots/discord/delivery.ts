import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes, Routes } from "discord.js";
import type { REST } from "discord.js";
import type { Reply } from "../../core/commands/reply.js";
import { splitPerPaper, type DigestPart } from "../../core/delivery/per-paper.js";
import {
  settlePartialSend,
  type DeliveryAdapter,
  type SendOptions,
  type SendResult,
} from "../../core/delivery/port.js";
import { silentLogger, type Logger } from "../../core/log.js";
import { PaperThreads } from "./paper-threads.js";
import { renderReply, toRestBody, type DiscordMessage } from "./render.js";
import { errorMessage } from "../../core/error-message.js";

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
 * Short rate limits are waited out by discord.js; `send` never throws. With `threads`, each paper
 * is a message of its own with a thread opened on it (in a channel; a DM has no threads).
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

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<SendResult> {
    const address = parseChatId(chatId);
    if (!address)
      return { ok: false, kind: "failed", reason: `"${chatId}" is not a Discord channel or user id` };
    const parts = renderParts(options?.threads ? splitPerPaper(reply) : [{ reply }]);
    const total = parts.reduce((sum, part) => sum + part.messages.length, 0);
    const threads =
      options?.threads && !address.dm ? new PaperThreads(this.#rest, this.#log, chatId) : undefined;
    let sent = 0;
    try {
      let channelId = address.dm ? await this.#dmChannel(address.id) : this.#knownChannel(address);
      for (const { paper, messages } of parts) {
        for (const [index, message] of messages.entries()) {
          const posted = await this.#post(
            channelId,
            message,
            address.ambiguous && sent === 0 ? address.id : undefined,
          );
          channelId = posted.channelId;
          sent += 1;
          // The thread hangs on the paper's own message; a bare id that turned out to be a DM gets none.
          if (threads && paper && index === 0 && channelId === address.id)
            await threads.open(channelId, posted.messageId, paper.card);
        }
      }
      return { ok: true };
    } catch (error) {
      const result = settlePartialSend(classifySendError(error), sent, total);
      this.#log.debug({ chatId, kind: result.ok ? "ok" : result.kind }, "Discord digest not delivered");
      return result;
    }
  }

  /** Posts one message; when `maybeUserId` is set and no such channel exists, retries it as a DM. Returns where it went. */
  async #post(channelId: string, message: DiscordMessage, maybeUserId?: string): Promise<PostedMessage> {
    try {
      const posted = (await this.#rest.post(Routes.channelMessages(channelId), {
        body: toRestBody(message),
      })) as { id: string };
      return { channelId, messageId: posted.id };
    } catch (error) {
      if (!maybeUserId || !isCode(error, RESTJSONErrorCodes.UnknownChannel)) throw error;
      const dmChannelId = await this.#dmChannel(maybeUserId).catch((dmError: unknown) => {
        throw isClientError(dmError) ? error : dmError;
      });
      const posted = (await this.#rest.post(Routes.channelMessages(dmChannelId), {
        body: toRestBody(message),
      })) as { id: string };
      return { channelId: dmChannelId, messageId: posted.id };
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

interface PostedMessage {
  channelId: string;
  messageId: string;
}

/** Each part of a digest with its messages; a paper's cards are numbered as in the whole digest. */
function renderParts(parts: DigestPart[]): Array<DigestPart & { messages: DiscordMessage[] }> {
  return parts.map((part) => ({ ...part, messages: renderReply(part.reply, part.paper?.position ?? 1) }));
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
  return { ok: false, kind: "failed", reason: errorMessage(error) };
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
