import { open, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { ReplyFile } from "../../core/commands/reply.js";
import { safeFileName } from "../reply-file.js";
import { errorMessage } from "../../core/error-message.js";

/** Enough numbered names for any folder a person keeps exports in; past them, the write fails. */
const MAX_SUFFIX = 999;

/**
 * Writes an export into `directory` under its own name, never over an existing file: the name gets
 * -1, -2… before its extension instead (reading-list-1.bib). Answers the line to print, which names
 * the file written or why it could not be.
 *
 * @example await writeExportFile(process.cwd(), reply.file) // "Wrote reading-list.bib (812 bytes)"
 */
export async function writeExportFile(directory: string, file: ReplyFile): Promise<string> {
  const name = safeFileName(file.name);
  const bytes = Buffer.from(file.text, "utf8");
  const { name: stem, ext } = path.parse(name);
  for (let suffix = 0; suffix <= MAX_SUFFIX; suffix++) {
    const candidate = suffix === 0 ? name : `${stem}-${suffix}${ext}`;
    const target = path.join(directory, candidate);
    let handle: FileHandle;
    try {
      // "wx" fails when the file exists, so two chats exporting at once cannot overwrite each other.
      handle = await open(target, "wx");
    } catch (error) {
      if (codeOf(error) === "EEXIST") continue;
      return `Could not write ${candidate}: ${reasonOf(error)}.`;
    }
    try {
      await handle.writeFile(bytes);
      await handle.close();
      return `Wrote ${candidate} (${bytes.length} bytes)`;
    } catch (error) {
      // A half-written export would import as a shorter list: it is removed rather than left behind.
      await handle.close().catch(() => {});
      await rm(target, { force: true }).catch(() => {});
      return `Could not write ${candidate}: ${reasonOf(error)}.`;
    }
  }
  return `Could not write ${name}: ${name} and ${stem}-1${ext} to ${stem}-${MAX_SUFFIX}${ext} all exist already.`;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code;
}

function reasonOf(error: unknown): string {
  switch (codeOf(error)) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "permission denied";
    case "ENOSPC":
      return "the disk is full";
    case "ENOENT":
    case "ENOTDIR":
      return "the folder does not exist";
    default:
      return errorMessage(error);
  }
}
