import { AttachmentBuilder } from "discord.js";
import type { ReplyFile } from "../../core/commands/reply.js";
import { outgoingFile } from "../reply-file.js";
import type { DiscordMessage } from "./render.js";

/**
 * What Discord lets a bot upload when an interaction does not say: 10 MiB, the default for servers
 * without boosts. Interactions carry the real limit of their place (`attachment_size_limit`).
 */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

/** A rendered message, with the files to upload beside it. */
export type OutgoingMessage = DiscordMessage & { files?: AttachmentBuilder[] };

/**
 * The messages with the reply's file (an export) attached to the first, whose text introduces it;
 * a file over `limitBytes` is left out and a message says why.
 */
export function withReplyFile(
  messages: DiscordMessage[],
  file: ReplyFile | undefined,
  limitBytes: number | undefined,
): OutgoingMessage[] {
  if (!file) return messages;
  const limit = limitBytes !== undefined && limitBytes > 0 ? limitBytes : DEFAULT_ATTACHMENT_LIMIT;
  const outgoing = outgoingFile(file, limit, "Discord");
  if ("tooLarge" in outgoing) {
    const note: DiscordMessage = {
      content: outgoing.tooLarge,
      embeds: [],
      components: [],
      allowedMentions: { parse: [] },
    };
    return [...messages, note];
  }
  const attachment = new AttachmentBuilder(outgoing.bytes, { name: outgoing.name });
  const [first, ...rest] = messages;
  return first ? [{ ...first, files: [attachment] }, ...rest] : messages;
}
