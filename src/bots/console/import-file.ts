import { readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Attachment } from "../../core/commands/context.js";
import { arxivIdOf } from "../../core/library/arxiv-id.js";
import { MAX_LIBRARY_BYTES } from "../../core/library/entry.js";
import { errorMessage } from "../../core/error-message.js";

/** What the argument of `/import` in the console names. */
export type ImportArgument =
  /** A file that exists: read (or, over the cap, only measured) for the command layer. */
  | { kind: "file"; attachment: Attachment }
  /** Something meant as a file that cannot be read; the message says why. */
  | { kind: "unreadable"; message: string }
  /** Not a file: arXiv ids, URLs or `clear`, for the command layer as typed. */
  | { kind: "text" };

const LIBRARY_EXTENSION = /\.(bib|ris|json|txt)$/i;

/**
 * Reads the file `/import <path>` names, the console's way of attaching one. The size is checked
 * before reading, so a huge file is never loaded. An argument that names no file goes to the command
 * layer as ids, unless it looks like a path (a `/`, or a library file's extension), which is answered
 * with why it cannot be read.
 *
 * @example await readImportArgument("~/Downloads/My Library.bib") // { kind: "file", attachment: … }
 */
export async function readImportArgument(argument: string): Promise<ImportArgument> {
  const typed = argument.trim();
  if (typed.length === 0 || typed.toLowerCase() === "clear") return { kind: "text" };
  const file = expandHome(unquote(typed));
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      return looksLikePath(typed)
        ? { kind: "unreadable", message: cannotRead(typed, "it is not a file") }
        : { kind: "text" };
    }
    const name = path.basename(file);
    if (info.size > MAX_LIBRARY_BYTES) return { kind: "file", attachment: { name, bytes: info.size } };
    const bytes = await readFile(file);
    // The file may have grown since stat: the cap holds for what was read.
    if (bytes.length > MAX_LIBRARY_BYTES) return { kind: "file", attachment: { name, bytes: bytes.length } };
    return {
      kind: "file",
      attachment: { name, bytes: bytes.length, text: new TextDecoder("utf-8").decode(bytes) },
    };
  } catch (error) {
    if (!looksLikePath(typed)) return { kind: "text" };
    return { kind: "unreadable", message: cannotRead(typed, reasonOf(error)) };
  }
}

/**
 * A path rather than ids: it holds a slash or ends like a library file. Old-style arXiv ids
 * (`hep-th/9711200`) and URLs hold slashes too, so an argument made only of those is not a path.
 */
function looksLikePath(typed: string): boolean {
  const words = typed.split(/\s+/);
  if (words.every((word) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || arxivIdOf(word) !== undefined))
    return false;
  return /[/\\]/.test(typed) || LIBRARY_EXTENSION.test(unquote(typed));
}

/** Paths dragged into a terminal often arrive quoted. */
function unquote(typed: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(typed);
  return quoted ? (quoted[2] ?? "") : typed;
}

/** `~/refs.bib`: the shell did not expand it, since the chat read the line itself. */
function expandHome(file: string): string {
  return file === "~" || file.startsWith("~/") ? path.join(os.homedir(), file.slice(1)) : file;
}

function cannotRead(typed: string, reason: string): string {
  return `Cannot read ${typed}: ${reason}.`;
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is not a file";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    default:
      return typeof code === "string" ? code : errorMessage(error);
  }
}
