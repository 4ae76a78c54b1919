import type { Chat, Message, Update, User } from "grammy/types";
import { BOT_INFO } from "./fake-telegram.js";
import { ALICE, ALICE_DM } from "./updates.js";

/** Typed fixtures for files sent to the bot: a document message, and the bot message it may answer. */

let nextUpdateId = 50_001;
let nextMessageId = 50_001;

export interface SentDocument {
  fileId: string;
  fileName?: string;
  /** What Telegram reports; the true size of the stored file unless a test says otherwise. */
  fileSize?: number;
  caption?: string;
  /** The message this one answers (e.g. the bot's import prompt). */
  replyTo?: Message;
  chat?: Chat;
  from?: User;
}

/** A message with a document, as Telegram sends it: a leading caption command gets its entity. */
export function documentUpdate(sent: SentDocument): Update {
  const chat = sent.chat ?? ALICE_DM;
  const from = sent.from ?? ALICE;
  const command = sent.caption ? /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(sent.caption)?.[0] : undefined;
  const message = {
    message_id: nextMessageId++,
    date: 1_760_000_000,
    chat,
    from,
    document: {
      file_id: sent.fileId,
      file_unique_id: `u-${sent.fileId}`,
      mime_type: "application/x-bibtex",
      ...(sent.fileName !== undefined ? { file_name: sent.fileName } : {}),
      ...(sent.fileSize !== undefined ? { file_size: sent.fileSize } : {}),
    },
    ...(sent.caption !== undefined ? { caption: sent.caption } : {}),
    ...(command ? { caption_entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    ...(sent.replyTo ? { reply_to_message: sent.replyTo } : {}),
  } as Message.DocumentMessage;
  return { update_id: nextUpdateId++, message } as Update;
}

/** A text message the bot sent earlier in `chat`, as a reply's `reply_to_message` shows it. */
export function botMessage(text: string, chat: Chat = ALICE_DM): Message {
  return {
    message_id: nextMessageId++,
    date: 1_760_000_000,
    chat,
    from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
    text,
  } as Message;
}
