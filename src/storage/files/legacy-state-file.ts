import type { Logger } from "../../core/log.js";
import { DocumentFormatError, DocumentVersionError, migrateState } from "./legacy/migrate.js";
import type { BotState } from "./legacy/types.js";
import { StorageCorruptError } from "../../core/store/errors.js";
import type { FileIo } from "./file-io.js";
import { readJsonFile } from "./read-json.js";

type LegacyOutcome =
  { kind: "ok"; state: BotState } | { kind: "missing" } | { kind: "corrupt"; reason: string };

/**
 * Reads an old state.json, falling back to state.json.bak when the file is not JSON or not a state
 * (a warning names both). Undefined when neither exists.
 * @throws StorageCorruptError naming both files when neither is a good state: never taken as empty.
 */
export async function readLegacyState(
  file: string,
  log: Logger,
  io: FileIo,
): Promise<{ state: BotState; source: string } | undefined> {
  const backup = `${file}.bak`;
  const main = await readLegacyFile(file, io);
  if (main.kind === "ok") return { state: main.state, source: file };
  const fallback = await readLegacyFile(backup, io);
  if (main.kind === "missing" && fallback.kind === "missing") return undefined;
  if (fallback.kind === "ok") {
    log.warn({ file, backup }, `${describe(file, main)}; importing its backup ${backup} instead.`);
    return { state: fallback.state, source: backup };
  }
  throw new StorageCorruptError(
    file,
    backup,
    `${describe(file, main)}, and ${describe(backup, fallback)}. Nothing was imported or overwritten. ` +
      `Restore a good copy of ${file} from your own backups, or move ${file} and ${backup} away to ` +
      `start with empty data.`,
  );
}

async function readLegacyFile(file: string, io: FileIo): Promise<LegacyOutcome> {
  const json = await readJsonFile(file, io);
  if (json.kind !== "ok") return json;
  const empty = emptyDocumentProblem(json.value);
  if (empty) return { kind: "corrupt", reason: empty };
  try {
    return { kind: "ok", state: migrateState(json.value, { source: file }) };
  } catch (error) {
    if (error instanceof DocumentFormatError || error instanceof DocumentVersionError) {
      return { kind: "corrupt", reason: error.message };
    }
    throw error;
  }
}

/**
 * migrateState reads a document without `version` as format 0, so `{}` (what a failed write or a
 * hand edit can leave) would come out as an empty state and wipe every user. A format 0 document
 * always had `users` or `channels`; one with neither is taken as damaged.
 */
function emptyDocumentProblem(doc: unknown): string | undefined {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined; // migrateState words it
  const record = doc as Record<string, unknown>;
  if (record.version !== undefined || "users" in record || "channels" in record) return undefined;
  return 'it has no "version" and neither "users" nor "channels": not a paperboy state';
}

function describe(file: string, outcome: Exclude<LegacyOutcome, { kind: "ok" }>): string {
  return outcome.kind === "missing" ? `${file} is missing` : `${file} is unreadable (${outcome.reason})`;
}
