import { rename, unlink } from "node:fs/promises";
import type { Logger } from "../../core/log.js";
import type { DataLayout } from "./data-layout.js";
import { DurableJsonFile, syncFolder } from "./durable-json-file.js";
import type { FileIo } from "./file-io.js";
import { writeFormat } from "./format-file.js";
import { readLegacyState } from "./legacy-state-file.js";
import { legacyStateToRecords } from "./legacy-records.js";
import type { RecordData } from "./record-data.js";
import { SHARD_KINDS, recordsOfKind } from "./record-data.js";
import { SHARD_COUNTS } from "./shard-hash.js";
import { shardDocument } from "./shard-format.js";
import { shardJson } from "./shard-json.js";
import { userRecordData } from "./snapshot.js";
import { exists } from "./exists.js";

/**
 * Imports the state.json of an earlier paperboy into shard files: every shard, then
 * state/format.json, then state.json is renamed state.json.imported (its .bak is left alone).
 * A crash midway leaves state.json in place and no format.json, so the next start imports again.
 * Read-only, the records are only loaded: the next writable start imports them.
 * Undefined when there is no state.json (nor .bak).
 */
export async function importLegacyState(
  layout: DataLayout,
  options: { log: Logger; readOnly: boolean; io: FileIo },
): Promise<RecordData | undefined> {
  const { log, readOnly, io } = options;
  const legacy = await readLegacyState(layout.legacyState, log, io);
  if (!legacy) return undefined;
  const records = legacyStateToRecords(legacy.state);
  const data = userRecordData(records);
  const counts = {
    profiles: records.profiles.size,
    subscriptions: records.subscriptions.size,
    deliveries: records.deliveries.length,
    sentPapers: [...records.sent.values()].reduce((sum, papers) => sum + papers.length, 0),
  };
  if (readOnly) {
    log.info(
      { file: legacy.source, ...counts },
      `${legacy.source} read (read-only: it is imported by the next start that writes).`,
    );
    return data;
  }
  await writeAllShards(layout, data, io);
  await writeFormat(layout.format, io);
  const keptAt = await setAside(layout.legacyState);
  await syncFolder(layout.folder, io);
  log.info(
    { file: legacy.source, keptAt, ...counts },
    `Imported ${legacy.source} into ${layout.stateFolder}: ${counts.profiles} profiles, ` +
      `${counts.subscriptions} subscriptions, ${counts.deliveries} deliveries, ${counts.sentPapers} sent papers` +
      (keptAt ? `; the old file is kept as ${keptAt}.` : "."),
  );
  return data;
}

/** Writes every non-empty shard and removes shard files a previous, interrupted import left. */
async function writeAllShards(layout: DataLayout, data: RecordData, io: FileIo): Promise<void> {
  for (const kind of SHARD_KINDS) {
    const records = recordsOfKind(data, kind);
    // In parallel: each write waits mostly on its fsync. The folder is fsynced once, below.
    const writes = Array.from({ length: SHARD_COUNTS[kind] }, (_, shard) => {
      const file = layout.shardFile(kind, shard);
      const entries = records.shard(shard);
      if (entries.size === 0) return unlink(file).catch(ignoreMissing);
      const durable = new DurableJsonFile(file, io, { stringify: shardJson });
      return durable.write(shardDocument(entries), { syncFolder: false });
    });
    // All settled before failing, so no write is still running once open() has given up.
    const failure = (await Promise.allSettled(writes)).find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
    await syncFolder(layout.kindFolder(kind), io);
  }
}

/** Renames state.json to state.json.imported (or a dated name if that is taken); undefined if absent. */
async function setAside(file: string): Promise<string | undefined> {
  if (!(await exists(file))) return undefined;
  let target = `${file}.imported`;
  if (await exists(target)) target = `${file}.imported-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  await rename(file, target);
  return target;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}
