import { Routes, ThreadAutoArchiveDuration } from "discord.js";
import type { REST } from "discord.js";
import type { PaperCard } from "../../core/commands/reply.js";
import type { Logger } from "../../core/log.js";
import { describeError } from "./discord-errors.js";
import { fitPlain } from "./plain-text.js";

/** Discord's longest thread name. */
export const THREAD_NAME_MAX = 100;

/**
 * Opens a public thread on each paper message of one channel digest, named after the paper and
 * archived after a week without messages. Threads are opened one at a time, after their message:
 * discord.js queues requests per route and waits out 429s, so a digest never fires them in
 * parallel. After the first refusal (Missing Permissions 50013, a channel kind without threads,
 * an outage) it stops asking for the rest of the digest, with one warn line: the papers
 * themselves are still posted, and repeated refused requests count toward Discord's ban on
 * invalid requests.
 */
export class PaperThreads {
  #refused = false;

  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
    /** Only for the log line. */
    private readonly chatId: string,
  ) {}

  /** Opens the thread of `card` on the message `messageId` of `channelId`; never throws. */
  async open(channelId: string, messageId: string, card: PaperCard): Promise<void> {
    if (this.#refused) return;
    try {
      await this.rest.post(Routes.threads(channelId, messageId), {
        body: { name: threadName(card), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      });
    } catch (error) {
      this.#refused = true;
      this.log.warn(
        { chatId: this.chatId, err: describeError(error) },
        "Discord paper threads not opened; the digest's papers are posted without them",
      );
    }
  }
}

/** The paper's title as one plain line of at most 100 characters; its id when the title is blank. */
export function threadName(card: PaperCard): string {
  return fitPlain(card.title, THREAD_NAME_MAX).trim() || fitPlain(card.id, THREAD_NAME_MAX) || "Paper";
}
