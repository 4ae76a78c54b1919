import { InputFile } from "grammy";
import type { Api } from "grammy";
import type { Reply, ReplyFile } from "../../core/commands/reply.js";
import { safeReply } from "../../core/safe-reply.js";
import { outgoingFile } from "../reply-file.js";
import { renderReply } from "./render.js";
import { sendMessages } from "./send.js";

/** What the Bot API lets a bot upload: 50 MB per file. */
export const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
/** Telegram's limit for a caption, in characters (UTF-16 units) after entity parsing. */
export const CAPTION_MAX = 1024;

/**
 * Sends a reply that carries a file (an export) as a document in the chat, its text as the caption
 * (plain text: nothing to escape). Text too long for a caption, or with cards or buttons, goes first
 * as the usual messages and the document follows without one. A file over Telegram's limit is not
 * sent: the reply's text says why instead.
 */
export async function sendReplyWithFile(
  api: Api,
  chatId: number | string,
  reply: Reply & { file: ReplyFile },
): Promise<void> {
  const outgoing = outgoingFile(reply.file, DOCUMENT_MAX_BYTES, "Telegram");
  if ("tooLarge" in outgoing) {
    await sendMessages(api, chatId, renderReply({ ...reply, lines: [...reply.lines, outgoing.tooLarge] }));
    return;
  }
  const document = new InputFile(outgoing.bytes, outgoing.name);
  const caption = captionOf(reply);
  if (caption !== undefined) {
    await api.sendDocument(chatId, document, caption ? { caption } : {});
    return;
  }
  await sendMessages(api, chatId, renderReply(reply));
  await api.sendDocument(chatId, document);
}

/** The reply's text as one caption, or undefined when it does not fit one. */
function captionOf(unsafe: Reply): string | undefined {
  if (unsafe.cards.length > 0 || unsafe.buttons.length > 0) return undefined;
  const reply = safeReply(unsafe);
  const marker = reply.kind === "error" ? "⚠️ " : "";
  const text = [reply.title, ...reply.lines, reply.footer].filter(Boolean).join("\n").trim();
  const caption = text ? `${marker}${text}` : "";
  return caption.length <= CAPTION_MAX ? caption : undefined;
}
