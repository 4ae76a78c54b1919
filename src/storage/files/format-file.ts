import { DocumentVersionError, StorageCorruptError } from "../../core/store/errors.js";
import { writeDurably } from "./durable-json-file.js";
import type { FileIo } from "./file-io.js";
import { readJsonFile } from "./read-json.js";

/** The layout of `state/` this code reads and writes; bumped when shard files change shape. */
export const FORMAT_VERSION = 2;

/**
 * Whether `state/format.json` exists; a readable one must name FORMAT_VERSION.
 * @throws DocumentVersionError for a newer layout; StorageCorruptError for an unreadable file.
 */
export async function readFormat(file: string, io: FileIo): Promise<boolean> {
  const outcome = await readJsonFile(file, io);
  if (outcome.kind === "missing") return false;
  const version =
    outcome.kind === "ok" && typeof outcome.value === "object" && outcome.value !== null
      ? (outcome.value as { version?: unknown }).version
      : undefined;
  if (typeof version === "number" && Number.isInteger(version) && version > FORMAT_VERSION) {
    throw new DocumentVersionError(
      `${file} says format version ${version}: the data was written by a newer paperboy (this one reads ` +
        `up to ${FORMAT_VERSION}). Upgrade paperboy to use it; do not edit the files by hand.`,
    );
  }
  if (version === FORMAT_VERSION) return true;
  const problem = outcome.kind === "corrupt" ? outcome.reason : `expected {"version": ${FORMAT_VERSION}}`;
  throw new StorageCorruptError(
    file,
    undefined,
    `${file} is unreadable (${problem}). Nothing was overwritten. If the files beside it are ` +
      `paperboy's, write {"version": ${FORMAT_VERSION}} into it; otherwise restore the data folder from your backups.`,
  );
}

export function writeFormat(file: string, io: FileIo): Promise<void> {
  return writeDurably(file, JSON.stringify({ version: FORMAT_VERSION }), io);
}
