import type { Reply } from "../commands/reply.js";
import type { Platform } from "../target.js";

/** What happened to one digest send. */
export type SendResult =
  | { ok: true }
  /** Retry later (rate limit, 5xx, timeout). */
  | { ok: false; kind: "retry"; reason: string; retryAfterMs?: number }
  /** The target is gone or refuses us (blocked, chat not found, cannot DM): pause its subscription. */
  | { ok: false; kind: "gone"; reason: string }
  /** Anything else: log it, count the target as failed for today. */
  | { ok: false; kind: "failed"; reason: string };

/** How a subscription wants its digest laid out and where in the chat it goes (see Subscription). */
export interface SendOptions {
  /** Each paper as its own message, with its own discussion thread where the platform has them. */
  threads?: boolean;
  /** A Telegram forum topic (`message_thread_id`) within the chat. */
  topicId?: string;
}

/**
 * How the scheduler hands a digest to a platform. Each adapter implements it; it must never throw
 * (errors become a SendResult) and it owns its platform's message limits and splitting.
 */
export interface DeliveryAdapter {
  readonly platform: Platform;
  /** `chatId` is the channel/group id, or the user id for a DM; without `options`, one digest message. */
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<SendResult>;
}

/**
 * A digest split over several messages that failed part-way must not be sent again later: the
 * first messages already arrived, and a retry would repeat their papers. So a "retry" after at
 * least one delivered message becomes "failed" (at most once beats twice).
 */
export function settlePartialSend(result: SendResult, delivered: number, total: number): SendResult {
  if (result.ok || delivered === 0) return result;
  const reason = `after ${delivered} of ${total} messages: ${result.reason}`;
  return result.kind === "retry" ? { ok: false, kind: "failed", reason } : { ...result, reason };
}
