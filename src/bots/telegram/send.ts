import { GrammyError } from "grammy";
import type { Api } from "grammy";
import type { TelegramMessage } from "./render.js";

const ENTITY_ERROR = "can't parse entities";

/** Thrown by sendMessages when a message fails; says how many before it were delivered. */
export class PartialSendError extends Error {
  override readonly name = "PartialSendError";
  constructor(
    readonly delivered: number,
    options: { cause: unknown },
  ) {
    super(`message ${delivered + 1} failed`, options);
  }
}

/**
 * Sends rendered messages in order, into the forum topic `topicId` when given. Should Telegram
 * refuse the HTML ("can't parse entities"), the same message goes out once more as plain text, so
 * a rendering slip never loses the reply. A failure after the first message is wrapped in
 * PartialSendError (its cause is the API error).
 */
export async function sendMessages(
  api: Api,
  chatId: number | string,
  messages: TelegramMessage[],
  topicId?: number,
): Promise<void> {
  for (const [delivered, message] of messages.entries()) {
    try {
      await sendOne(api, chatId, message, topicId);
    } catch (error) {
      throw delivered > 0 ? new PartialSendError(delivered, { cause: error }) : error;
    }
  }
}

async function sendOne(
  api: Api,
  chatId: number | string,
  message: TelegramMessage,
  topicId: number | undefined,
): Promise<void> {
  const extra = {
    link_preview_options: { is_disabled: true },
    ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
    ...(topicId !== undefined ? { message_thread_id: topicId } : {}),
  };
  try {
    await api.sendMessage(chatId, message.text, { ...extra, parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes(ENTITY_ERROR))) throw error;
    await api.sendMessage(chatId, htmlToPlainText(message.text), extra);
  }
}

/** Undoes the rendering of `html.ts`: its output has tags only where it wrote them. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
