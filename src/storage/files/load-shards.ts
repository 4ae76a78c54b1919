import { StorageCorruptError } from "../../core/store/errors.js";
import type { DataLayout } from "./data-layout.js";
import type { FileIo } from "./file-io.js";
import type { RecordData, ShardKind } from "./record-data.js";
import { SHARD_KINDS, emptyRecordData } from "./record-data.js";
import type { JsonOutcome } from "./read-json.js";
import { readJsonFile } from "./read-json.js";
import { SHARD_COUNTS } from "./shard-hash.js";
import { formatFieldPath, loadShard } from "./shard-format.js";

/**
 * Files read ahead of the one being checked: a few keep the disk busy while the checks run. All
 * of them at once held every file's text in memory beside the records parsed from it (at 10,000
 * users with a month of history, ~130 MB of delivery text).
 */
const READ_AHEAD = 4;

/**
 * Reads and checks every shard file; a missing one holds nothing.
 * @throws StorageCorruptError naming the first file that is not JSON or not of the expected shape;
 * nothing is overwritten, and no record of a bad file is ever taken as absent.
 */
export async function loadShards(layout: DataLayout, io: FileIo): Promise<RecordData> {
  const data = emptyRecordData();
  const dates = new Map<string, string>();
  for (const kind of SHARD_KINDS) {
    const count = SHARD_COUNTS[kind];
    const reads: Array<Promise<JsonOutcome>> = [];
    const readAhead = (upTo: number): void => {
      while (reads.length < Math.min(upTo, count)) {
        const read = readJsonFile(layout.shardFile(kind, reads.length), io);
        read.catch(() => undefined); // seen when its turn comes; unseen if an earlier file failed
        reads.push(read);
      }
    };
    for (let shard = 0; shard < count; shard++) {
      readAhead(shard + 1 + READ_AHEAD);
      const outcome = await reads[shard];
      const file = layout.shardFile(kind, shard);
      if (outcome === undefined || outcome.kind === "missing") continue;
      if (outcome.kind === "corrupt") throw shardCorrupt(file, kind, outcome.reason);
      const problem = loadShard(kind, shard, outcome.value, data, dates);
      if (problem) throw shardCorrupt(file, kind, `unexpected shape at ${formatFieldPath(problem)}`);
    }
  }
  return data;
}

function shardCorrupt(file: string, kind: ShardKind, reason: string): StorageCorruptError {
  return new StorageCorruptError(
    file,
    undefined,
    `${file} is unreadable (${reason}). Nothing was overwritten. Restore it from your own backups; ` +
      `or move it away, and the ${kind.replace("-", " ")} it held (about 1/${SHARD_COUNTS[kind]} of them) ` +
      `start empty.`,
  );
}
