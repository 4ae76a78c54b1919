import type { Platform, Target } from "../target.js";
import type { Reply } from "./reply.js";

/** A file sent with a command (`/import`), downloaded by the adapter up to a size cap. */
export interface Attachment {
  name: string;
  bytes: number;
  /** The file's text; absent when it was larger than the cap and so not downloaded. */
  text?: string;
}

/** What the adapter knows about the person who typed a command and where they typed it. */
export interface CommandContext {
  platform: Platform;
  /** The person who issued the command. */
  userId: string;
  /**
   * The person's display name as the platform shows it to others (a Discord member's server
   * nickname, else their display name, else their username; a Telegram user's first and last name,
   * else their username), unsanitised. Absent when the platform gives none. A channel's reading
   * list shows it as who saved a paper.
   */
  userName?: string;
  /** Whose profile and subscription the command acts on: the user, or the channel/group. */
  target: Target;
  /**
   * Whether the person may change the target's settings (interests, subscription). Always true when
   * the target is the user; for a channel/group the adapter checks on the platform (Manage Channels
   * on Discord, administrator via getChatMember on Telegram). Asked only by commands that change
   * something, so a plain `/find` in a group costs no extra API call.
   */
  canManage(): Promise<boolean>;
  /** Where a DM digest can be sent for a user subscription (Telegram private chat id, Discord user id). */
  replyChatId?: string;
  /** The file that came with the command, if any. */
  attachment?: Attachment;
  /**
   * The forum topic the command was typed in (Telegram's `message_thread_id` in a group with
   * topics); absent elsewhere. `/subscribe` sends the digest there.
   */
  topicId?: string;
  /**
   * The permissions the bot lacks here to open a thread per paper, by the names the platform's
   * settings show (e.g. "Create Public Threads"); empty when it has them. Absent where the
   * platform needs none (Telegram).
   */
  missingThreadPermissions?(): Promise<string[]>;
}

/** The command layer every adapter talks to. */
export interface CommandService {
  /** Runs a text command without its slash, e.g. `find graph neural networks` or `interests add rl`. */
  run(ctx: CommandContext, input: string): Promise<Reply>;
  /** Runs a button's action id, e.g. `like:2410.12345`. */
  runAction(ctx: CommandContext, action: string): Promise<Reply>;
  /** Interest phrases of the target, for autocomplete of `/interests remove`. */
  interestsOf(target: Target): Promise<string[]>;
  /** The target's followed authors or muted phrases, for autocomplete of `/unfollow` and `/unmute`. */
  entriesOf(target: Target, list: "follows" | "mutes"): Promise<string[]>;
}
