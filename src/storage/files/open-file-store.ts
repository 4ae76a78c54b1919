import { mkdir } from "node:fs/promises";
import { syncFolder } from "./durable-json-file.js";
import path from "node:path";
import type { Logger } from "../../core/log.js";
import { migrateCorpus } from "./legacy/migrate.js";
import type { CorpusDocument } from "./legacy/types.js";
import type { Store } from "../../core/store/port.js";
import { paperListOf } from "./corpus-document.js";
import { lockDataDir } from "./data-dir-lock.js";
import type { DataLayout } from "./data-layout.js";
import { dataLayout } from "./data-layout.js";
import type { FileIo } from "./file-io.js";
import { nodeFileIo } from "./file-io.js";
import { FilePersistence } from "./file-persistence.js";
import { readFormat, writeFormat } from "./format-file.js";
import { JsonFileStore } from "./json-file-store.js";
import { openIngestRunFile } from "./ingest-run-records.js";
import { importLegacyState } from "./legacy-import.js";
import { loadShards } from "./load-shards.js";
import type { PaperList, RecordData } from "./record-data.js";
import { SHARD_KINDS, emptyRecordData } from "./record-data.js";
import { createRecordStore } from "./record-store.js";
import { exists } from "./exists.js";

export interface FileStoreOptions {
  log: Logger;
  /** Open beside a running paperboy: no lock is taken, nothing is written, every change rejects. */
  readOnly?: boolean;
  /** The file operations writes go through; tests pass a double. */
  io?: FileIo;
}

/**
 * Opens the records kept in `dataDir` (layout: see data-layout.ts), creating the folder if needed.
 * One paperboy writes a data folder at a time: see lockDataDir. A state.json of an earlier version
 * is imported on the first open (see importLegacyState).
 *
 * Every record is held in memory and answered from there; a change rewrites only the shard files
 * it touched (a 👍 rewrites one profile shard, ~1/64 of the profiles) and is applied to memory only
 * once they are durable.
 *
 * @throws StoreLockedError, StorageCorruptError (naming the file; nothing overwritten),
 * DocumentVersionError (data of a newer paperboy), DocumentFormatError (a corpus of the wrong shape).
 * @example const store = await openFileStore(config.dataDir, { log });
 */
export async function openFileStore(dataDir: string, options: FileStoreOptions): Promise<Store> {
  const folder = path.resolve(dataDir);
  const { log } = options;
  const readOnly = options.readOnly ?? false;
  const io = options.io ?? nodeFileIo;
  const layout = dataLayout(folder);
  if (!readOnly) await prepareFolders(layout);
  const lock = readOnly ? undefined : await lockDataDir(folder, log);
  try {
    const data = await loadRecords(layout, { log, readOnly, io });
    const corpus = new JsonFileStore<CorpusDocument>(layout.corpus, log, { readOnly, io });
    data.papers = await readPapers(corpus);
    const ingestRuns = await openIngestRunFile(layout.ingestRuns, { log, readOnly, io });
    const persistence = new FilePersistence({ layout, corpus, lock, io, log });
    return createRecordStore(data, persistence, { readOnly, ingestRuns });
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function prepareFolders(layout: DataLayout): Promise<void> {
  try {
    for (const kind of SHARD_KINDS) await mkdir(layout.kindFolder(kind), { recursive: true });
    // A kind's folder made just now (the first start after an upgrade) must outlive a power cut
    // with the records saved into it: its entry in state/ is made durable too.
    await syncFolder(layout.stateFolder);
  } catch (error) {
    throw new Error(
      `The data directory ${layout.folder} cannot be created or used (${String(error)}); set DATA_DIR to a writable directory.`,
      { cause: error },
    );
  }
}

async function loadRecords(
  layout: DataLayout,
  options: { log: FileStoreOptions["log"]; readOnly: boolean; io: FileIo },
): Promise<RecordData> {
  const { log, readOnly, io } = options;
  if (await readFormat(layout.format, io)) {
    if (await exists(layout.legacyState)) {
      log.warn(
        { file: layout.legacyState },
        `${layout.legacyState} is ignored: ${layout.stateFolder} holds the data (imported already). ` +
          `Move it away to silence this warning.`,
      );
    }
    return loadShards(layout, io);
  }
  const imported = await importLegacyState(layout, options);
  if (imported) return imported;
  const data = await loadShards(layout, io);
  if (!readOnly) await writeFormat(layout.format, io);
  return data;
}

/** The stored papers (none when there is no corpus.json yet), brought up to the current format. */
async function readPapers(corpus: JsonFileStore<CorpusDocument>): Promise<PaperList> {
  const raw = await corpus.read();
  if (raw === undefined) return emptyRecordData().papers;
  return paperListOf(migrateCorpus(raw, { source: corpus.location }));
}
