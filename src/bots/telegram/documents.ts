import type { Api } from "grammy";
import type { Document, Message, UserFromGetMe } from "grammy/types";
import type { Attachment } from "../../core/commands/context.js";
import type { Reply } from "../../core/commands/reply.js";
import { MAX_LIBRARY_BYTES } from "../../core/library/entry.js";
import { DownloadError, downloadText } from "../download.js";
import { IMPORT_PROMPT_OPENING } from "../../core/commands/import.js";

/** `/import` or `/import@paperboy_bot` at the start of a caption; group 1 is the bot named. */
const IMPORT_CAPTION = /^\/import(?:@([A-Za-z0-9_]+))?(?:\s|$)/;
const NAME_SHOWN = 100;

/** Where files sent to the bot are fetched from: the Bot API's `/file/bot<token>/<path>`. */
export interface FileSource {
  api: Api;
  /** e.g. `https://api.telegram.org`, without a trailing slash. */
  apiRoot: string;
  token: string;
  timeoutMs?: number;
}

/** What follows `/import` in a document's caption (ids typed beside the file), or "". */
export function captionArgs(message: Message): string {
  const caption = message.caption ?? "";
  const command = IMPORT_CAPTION.exec(caption);
  return command ? caption.slice(command[0].length).trim() : "";
}

/**
 * Whether a document is meant for /import: captioned `/import` (for this bot), or sent in reply to
 * the command layer's import prompt (IMPORT_PROMPT_OPENING), which asked for it.
 */
export function asksForImport(message: Message, me: UserFromGetMe): boolean {
  const command = IMPORT_CAPTION.exec(message.caption ?? "");
  if (command) return command[1] === undefined || command[1].toLowerCase() === me.username.toLowerCase();
  const replied = message.reply_to_message;
  return replied?.from?.id === me.id && (replied.text ?? "").includes(IMPORT_PROMPT_OPENING);
}

/**
 * The document, ready for the command layer. One Telegram reports as larger than the cap is not
 * fetched: it is passed without text, and the command layer names the limit. Otherwise getFile, then
 * a capped download. Throws on failure; the errors never hold the file URL, which holds the token.
 */
export async function fetchDocument(document: Document, source: FileSource): Promise<Attachment> {
  const name = documentName(document);
  if (document.file_size !== undefined && document.file_size > MAX_LIBRARY_BYTES) {
    return { name, bytes: document.file_size };
  }
  const file = await source.api.getFile(document.file_id);
  if (!file.file_path) throw new DownloadError("status", "Telegram gave no file path for the document");
  const url = `${source.apiRoot}/file/bot${source.token}/${file.file_path}`;
  const { text, bytes } = await downloadText(url, {
    maxBytes: MAX_LIBRARY_BYTES,
    ...(source.timeoutMs !== undefined ? { timeoutMs: source.timeoutMs } : {}),
  });
  return { name, bytes, text };
}

export function documentName(document: Document): string {
  return document.file_name?.replace(/\s+/g, " ").trim().slice(0, NAME_SHOWN) || "the file";
}

/** What the user reads when their file could not be fetched; the import did not run. */
export function downloadFailedReply(name: string): Reply {
  return {
    kind: "error",
    lines: [`Could not download ${name} from Telegram; try again.`],
    cards: [],
    buttons: [],
  };
}
