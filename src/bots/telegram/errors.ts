import { GrammyError, HttpError } from "grammy";
import type { SendResult } from "../../core/delivery/port.js";

/** Thrown at startup when TELEGRAM_BOT_TOKEN is missing or Telegram rejects it. Never contains the token. */
export class TelegramTokenError extends Error {
  constructor(reason: string) {
    super(`${reason}: set a valid TELEGRAM_BOT_TOKEN (the token @BotFather gave you, like 123456:ABC-DEF…).`);
    this.name = "TelegramTokenError";
  }
}

const REDACTED = "<redacted>";
/** Bot API URLs carry the token in their path: `/bot<token>/method`. */
const TOKEN_IN_URL = /\/bot[^/\s]+\//g;

/** Removes the token (and any `/bot<token>/` URL segment) from a text before it is logged or thrown. */
export function redactToken(text: string, token: string): string {
  const withoutToken = token ? text.split(token).join(REDACTED) : text;
  return withoutToken.replace(TOKEN_IN_URL, `/bot${REDACTED}/`);
}

/**
 * One line describing an error, safe to log: grammY's network errors wrap node-fetch errors whose
 * message holds the request URL, and with it the token.
 */
export function describeError(error: unknown, token: string): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 3; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = current instanceof HttpError ? current.error : current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return redactToken(parts.join(": "), token);
}

const GONE_DESCRIPTIONS = [
  "bot was blocked by the user",
  "chat not found",
  "bot was kicked",
  "user is deactivated",
  "bot is not a member",
  "have no rights to send a message",
  "need administrator rights in the channel chat",
  "group chat was upgraded to a supergroup chat",
  "chat was deleted",
];

/** Maps a failed send to what the scheduler should do with the target. */
export function toSendResult(error: unknown, token: string): Extract<SendResult, { ok: false }> {
  const reason = describeError(error, token);
  if (error instanceof HttpError) return { ok: false, kind: "retry", reason };
  if (!(error instanceof GrammyError)) return { ok: false, kind: "failed", reason };
  const retryAfter = error.parameters.retry_after;
  if (error.error_code === 429) {
    return typeof retryAfter === "number"
      ? { ok: false, kind: "retry", reason, retryAfterMs: retryAfter * 1000 }
      : { ok: false, kind: "retry", reason };
  }
  if (error.error_code >= 500) return { ok: false, kind: "retry", reason };
  const description = error.description.toLowerCase();
  if (error.error_code === 403 || GONE_DESCRIPTIONS.some((text) => description.includes(text))) {
    const movedTo = error.parameters.migrate_to_chat_id;
    return {
      ok: false,
      kind: "gone",
      reason: movedTo ? `${reason} (the group is now chat ${movedTo})` : reason,
    };
  }
  return { ok: false, kind: "failed", reason };
}
