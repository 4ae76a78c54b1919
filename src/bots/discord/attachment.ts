import { escapeMarkdown } from "discord.js";
import type { Attachment } from "../../core/commands/context.js";
import { MAX_LIBRARY_BYTES } from "../../core/library/entry.js";
import { downloadText } from "../download.js";
import type { AttachmentRef } from "./commands/types.js";
import { oneLine } from "./commands/text.js";
import { safeLine } from "../../core/safe-text.js";

const NAME_SHOWN = 100;

/**
 * The file of an attachment option, ready for the command layer. A file Discord reports as larger
 * than the cap is not fetched: it is passed without text, and the command layer names the limit.
 * Throws DownloadError when the file cannot be fetched in time or turns out larger than the cap.
 */
export async function fetchAttachment(ref: AttachmentRef, timeoutMs?: number): Promise<Attachment> {
  if (ref.size > MAX_LIBRARY_BYTES) return { name: ref.name, bytes: ref.size };
  const { text, bytes } = await downloadText(ref.url, {
    maxBytes: MAX_LIBRARY_BYTES,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return { name: ref.name, bytes, text };
}

/** What the user reads when their file could not be fetched; the command did not run. */
export function downloadFailedMessage(name: string): string {
  const shown = escapeMarkdown(safeLine(oneLine(name)).slice(0, NAME_SHOWN)) || "the file";
  return `Could not download ${shown} from Discord; try again.`;
}
