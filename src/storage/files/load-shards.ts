import { StorageCorruptError } from "../../core/store/errors.js";
import type { DataLayout } from "./data-layout.js";
import type { FileIo } from "./file-io.js";
import type { RecordData } from "./record-data.js";
import { SHARD_KINDS, emptyRecordData } from "./record-data.js";
import { readJsonFile } from "./read-json.js";
import { SHARD_COUNT } from "./shard-hash.js";
import { formatFieldPath, loadShard } from "./shard-format.js";

/**
 * Reads and checks every shard file; a missing one holds nothing.
 * @throws StorageCorruptError naming the first file that is not JSON or not of the expected shape;
 * nothing is overwritten, and no record of a bad file is ever taken as absent.
 */
export async function loadShards(layout: DataLayout, io: FileIo): Promise<RecordData> {
  const data = emptyRecordData();
  for (const kind of SHARD_KINDS) {
    const files = Array.from({ length: SHARD_COUNT }, (_, shard) => layout.shardFile(kind, shard));
    const outcomes = await Promise.all(files.map((file) => readJsonFile(file, io)));
    outcomes.forEach((outcome, shard) => {
      const file = files[shard] ?? "";
      if (outcome.kind === "missing") return;
      if (outcome.kind === "corrupt") throw shardCorrupt(file, kind, outcome.reason);
      const problem = loadShard(kind, shard, outcome.value, data);
      if (problem) throw shardCorrupt(file, kind, `unexpected shape at ${formatFieldPath(problem)}`);
    });
  }
  return data;
}

function shardCorrupt(file: string, kind: string, reason: string): StorageCorruptError {
  return new StorageCorruptError(
    file,
    undefined,
    `${file} is unreadable (${reason}). Nothing was overwritten. Restore it from your own backups; ` +
      `or move it away, and the ${kind} it held (about 1/${SHARD_COUNT} of them) start empty.`,
  );
}
