import type { Chat, Message, Update, User } from "grammy/types";

/** Typed update fixtures: the people and chats of the tests, and builders for what they send. */

export const ALICE: User = { id: 1111, is_bot: false, first_name: "Alice", language_code: "en" };
export const BOB: User = { id: 2222, is_bot: false, first_name: "Bob" };
/** In a private chat the chat id equals the user id. */
export const ALICE_DM: Chat.PrivateChat = { id: ALICE.id, type: "private", first_name: "Alice" };
export const BOB_DM: Chat.PrivateChat = { id: BOB.id, type: "private", first_name: "Bob" };
export const READING_GROUP: Chat.SupergroupChat = {
  id: -1001234567890,
  type: "supergroup",
  title: "ML reading group",
};
/** A supergroup with topics (a forum). */
export const FORUM_GROUP: Chat.SupergroupChat = {
  id: -1005550001111,
  type: "supergroup",
  title: "Papers forum",
  is_forum: true,
};
export const NEWS_CHANNEL: Chat.ChannelChat = { id: -1009876543210, type: "channel", title: "Paper news" };

let nextUpdateId = 1;
let nextMessageId = 1;

/** A text message; a leading `/command` or `/command@bot` gets its bot_command entity as Telegram sends it. */
export function textMessage(text: string, chat: Chat, from: User | undefined = ALICE): Message.TextMessage {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text)?.[0];
  return {
    message_id: nextMessageId++,
    date: 1_760_000_000,
    chat,
    ...(from ? { from } : {}),
    text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
  } as Message.TextMessage;
}

export function messageUpdate(text: string, chat: Chat = ALICE_DM, from: User = ALICE): Update {
  return { update_id: nextUpdateId++, message: textMessage(text, chat, from) } as Update;
}

/** A message typed in forum topic `topicId` of a group with topics, as Telegram sends it. */
export function topicMessageUpdate(
  text: string,
  topicId: number,
  chat: Chat = FORUM_GROUP,
  from: User = ALICE,
): Update {
  const message = { ...textMessage(text, chat, from), message_thread_id: topicId, is_topic_message: true };
  return { update_id: nextUpdateId++, message } as Update;
}

/** A post in a channel: it has no `from`, the channel speaks for itself. */
export function channelPostUpdate(text: string, chat: Chat.ChannelChat = NEWS_CHANNEL): Update {
  const post = { ...textMessage(text, chat, undefined), sender_chat: chat };
  return { update_id: nextUpdateId++, channel_post: post } as Update;
}

/** A press on an inline button under one of the bot's messages. */
export function callbackUpdate(data: string, chat: Chat = ALICE_DM, from: User = ALICE): Update {
  const message = {
    ...textMessage("1. A paper", chat, undefined),
    from: { id: 7000001, is_bot: true, first_name: "paperboy" },
  };
  return {
    update_id: nextUpdateId++,
    callback_query: { id: `cb-${nextUpdateId}`, from, chat_instance: "ci-1", data, message },
  };
}
