import type { Api, Context } from "grammy";
import type { CommandContext } from "../../core/commands/context.js";
import type { Target } from "../../core/target.js";
import type { Logger } from "../../core/log.js";
import { describeError } from "./errors.js";

const ADMIN_STATUSES = new Set(["creator", "administrator"]);
const ADMIN_CACHE_MS = 60_000;
const ADMIN_CACHE_MAX = 5_000;

/**
 * Remembers for a minute who administers which group, so a burst of commands costs one
 * getChatMember call. A failed lookup is not cached and counts as "not an administrator".
 */
export class AdminCheck {
  private readonly cache = new Map<string, { isAdmin: boolean; expiresAt: number }>();

  constructor(
    private readonly api: Api,
    private readonly log: Logger,
    private readonly token: string,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.isAdmin;
    try {
      const member = await this.api.getChatMember(chatId, userId);
      const isAdmin = ADMIN_STATUSES.has(member.status);
      this.remember(key, isAdmin);
      return isAdmin;
    } catch (error) {
      this.log.warn({ chatId, err: describeError(error, this.token) }, "telegram admin check failed");
      return false;
    }
  }

  private remember(key: string, isAdmin: boolean): void {
    if (this.cache.size >= ADMIN_CACHE_MAX) this.cache.clear();
    this.cache.set(key, { isAdmin, expiresAt: this.now() + ADMIN_CACHE_MS });
  }
}

/**
 * What the command layer needs to know about an update: in a private chat the user acts on their own
 * profile; in a group, supergroup or channel the chat is the target and only its administrators may
 * change it. Returns undefined for updates without a chat (e.g. inline messages).
 */
export function toCommandContext(ctx: Context, admins: AdminCheck): CommandContext | undefined {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) return undefined;
  const from = ctx.from;
  const chatId = String(chat.id);
  const name = senderName(ctx);
  const userName = name === undefined ? {} : { userName: name };
  if (chat.type === "private") {
    const userId = String(from?.id ?? chat.id);
    const target: Target = { platform: "telegram", kind: "user", id: userId };
    return {
      platform: "telegram",
      userId,
      ...userName,
      target,
      replyChatId: chatId,
      canManage: async () => true,
    };
  }
  const target: Target = { platform: "telegram", kind: "channel", id: chatId };
  // Anonymous group admins and channel posts speak as the chat itself; only administrators can do that.
  const speaksAsChat = ctx.senderChat?.id === chat.id || (ctx.channelPost !== undefined && !from);
  const userId = String(from?.id ?? ctx.senderChat?.id ?? chat.id);
  const canManage = async () => speaksAsChat || (from !== undefined && admins.isAdmin(chat.id, from.id));
  const topicId = topicOf(ctx);
  return { platform: "telegram", userId, ...userName, target, canManage, ...(topicId ? { topicId } : {}) };
}

/**
 * The name Telegram shows for whoever sent the update: a user's first and last name, else their
 * username; a chat speaking for itself (an anonymous admin, a channel) by its title.
 */
export function senderName(ctx: Context): string | undefined {
  const chat = ctx.senderChat;
  if (chat) return chat.title || undefined;
  const from = ctx.from;
  if (!from) return undefined;
  const full = [from.first_name, from.last_name ?? ""].join(" ").trim();
  return full || from.username || undefined;
}

/**
 * The forum topic a message was typed in. Replies in a group without topics carry a
 * message_thread_id too, so only `is_topic_message` marks a topic; General has neither.
 */
export function topicOf(ctx: Context): string | undefined {
  const message = ctx.message;
  return message?.is_topic_message && message.message_thread_id !== undefined
    ? String(message.message_thread_id)
    : undefined;
}
