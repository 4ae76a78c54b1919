import type { ReplyFile } from "../core/commands/reply.js";

const MIB = 1024 * 1024;
const FALLBACK_NAME = "export.txt";
const NAME_MAX = 100;

/** A file of a reply, as the bytes a platform uploads and the name it shows. */
export interface OutgoingFile {
  name: string;
  bytes: Buffer;
}

/**
 * The reply's file ready to upload, or the sentence telling the reader why it is not sent: it is
 * larger than `limitBytes`, what `platform` lets a bot upload there.
 *
 * @example outgoingFile(reply.file, 10 * 1024 * 1024, "Discord")
 */
export function outgoingFile(
  file: ReplyFile,
  limitBytes: number,
  platform: string,
): OutgoingFile | { tooLarge: string } {
  const name = safeFileName(file.name);
  const bytes = Buffer.from(file.text, "utf8");
  if (bytes.length <= limitBytes) return { name, bytes };
  return {
    tooLarge:
      `${name} is ${megabytes(bytes.length, "up")} MB, more than the ${megabytes(limitBytes, "down")} MB ` +
      `${platform} lets paperboy send. Take some papers off the list with /unsave, then export again.`,
  };
}

/**
 * A name that is safe as an upload's file name and in a message: no folders, no control or
 * unusual characters, at most 100 characters. The command layer's names pass unchanged.
 */
export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, NAME_MAX);
  return base.length > 0 ? base : FALLBACK_NAME;
}

/**
 * Megabytes with one decimal, rounded away from the limit: a file over it never reads as the limit
 * itself ("10.0 MB, more than the 10 MB").
 */
function megabytes(bytes: number, rounding: "up" | "down"): string {
  const tenths = (rounding === "up" ? Math.ceil : Math.floor)((bytes / MIB) * 10) / 10;
  return Number.isInteger(tenths) && rounding === "down" ? String(tenths) : tenths.toFixed(1);
}
