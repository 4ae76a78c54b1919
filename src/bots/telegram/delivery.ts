import { autoRetry } from "@grammyjs/auto-retry";
import type { Api } from "grammy";
import type { Reply } from "../../core/commands/reply.js";
import { splitPerPaper } from "../../core/delivery/per-paper.js";
import {
  settlePartialSend,
  type DeliveryAdapter,
  type SendOptions,
  type SendResult,
} from "../../core/delivery/port.js";
import type { Logger } from "../../core/log.js";
import { toSendResult } from "./errors.js";
import { renderReply } from "./render.js";
import { PartialSendError, sendMessages } from "./send.js";

/** Bounds for @grammyjs/auto-retry, whose defaults would retry forever. */
export const RETRY_LIMITS = {
  maxRetryAttempts: 3,
  maxDelaySeconds: 60,
  // Network failures would otherwise be retried without limit; the scheduler retries them later.
  rethrowHttpErrors: true,
} as const;

/**
 * Makes every call through `api` wait out 429 `retry_after` (up to a minute) and 5xx errors, at most
 * three times. Updates handled by the bot inherit it, so replies get the same patience.
 */
export function installRetryLimits(api: Api): void {
  api.config.use(autoRetry(RETRY_LIMITS));
}

/**
 * Posts digests to Telegram chats for the scheduler. Never throws: blocked bots, deleted chats and
 * deactivated users come back as "gone", rate limits beyond the retry bounds as "retry". With
 * `topicId` the digest goes to that forum topic; with `threads`, the header and then each paper as
 * a message of its own, so members can reply to one paper (Telegram's 429s within a group are
 * waited out by the retry limits above).
 */
export class TelegramDelivery implements DeliveryAdapter {
  readonly platform = "telegram" as const;

  constructor(
    private readonly api: Api,
    private readonly log: Logger,
    /** Only used to keep the token out of reasons and log lines. */
    private readonly token: string,
  ) {}

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<SendResult> {
    const parts = options?.threads ? splitPerPaper(reply) : [{ reply }];
    const messages = parts.flatMap((part) => renderReply(part.reply, part.paper?.position ?? 1));
    const topicId = options?.topicId === undefined ? undefined : Number(options.topicId);
    try {
      await sendMessages(this.api, chatId, messages, Number.isSafeInteger(topicId) ? topicId : undefined);
      return { ok: true };
    } catch (error) {
      const partial = error instanceof PartialSendError;
      const apiResult = toSendResult(partial ? error.cause : error, this.token);
      const result = settlePartialSend(apiResult, partial ? error.delivered : 0, messages.length);
      if (!result.ok)
        this.log.warn({ chatId, kind: result.kind, err: result.reason }, "telegram delivery failed");
      return result;
    }
  }
}
