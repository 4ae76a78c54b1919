import type { Logger } from "../../core/log.js";
import type { CorpusDocument } from "./legacy/types.js";
import { StoreWriteError } from "../../core/store/errors.js";
import { corpusDocumentOf } from "./corpus-document.js";
import type { DataDirLock } from "./data-dir-lock.js";
import type { DataLayout } from "./data-layout.js";
import { DurableJsonFile, syncFolder } from "./durable-json-file.js";
import type { FileIo } from "./file-io.js";
import type { JsonFileStore } from "./json-file-store.js";
import type { Commit, Persistence, ShardDocument, ShardWrite } from "./persistence.js";
import { shardJson } from "./shard-json.js";

/**
 * Shard files written at once. At 10,000 users (one run each, on a busy 2-core machine), an
 * unpaced fan-out of 1,000 digests sent 157 a second writing one at a time, 249 writing 4 and 217
 * writing 8, whose 👍s waited longest (p95 68 ms, against 34 ms with 4 and 45 ms with 1). Four
 * delivery shards are ~1 MB, half of one when deliveries had 64 shards.
 */
const PARALLEL_WRITES = 4;

/**
 * Keeps the record engine's changes in DATA_DIR: each touched shard file is rewritten whole
 * (through a lowdb adapter that fsyncs), the corpus through its JsonFileStore. `save` resolves
 * once every touched file is durable. If one of them cannot be written, the shards already
 * rewritten by this save are put back as they were (best effort) and save rejects with
 * StoreWriteError: the engine then keeps memory as it was, and disk matches it again.
 */
export class FilePersistence implements Persistence {
  readonly location: string;
  readonly #layout: DataLayout;
  readonly #corpus: JsonFileStore<CorpusDocument>;
  readonly #lock: DataDirLock | undefined;
  readonly #io: FileIo;
  readonly #log: Logger;
  readonly #files = new Map<string, DurableJsonFile<ShardDocument>>();

  constructor(options: {
    layout: DataLayout;
    corpus: JsonFileStore<CorpusDocument>;
    lock: DataDirLock | undefined;
    io: FileIo;
    log: Logger;
  }) {
    this.location = options.layout.folder;
    this.#layout = options.layout;
    this.#corpus = options.corpus;
    this.#lock = options.lock;
    this.#io = options.io;
    this.#log = options.log;
  }

  async save(commit: Commit): Promise<void> {
    await this.#saveShards(commit.shards);
    if (!commit.papers) return;
    try {
      await this.#corpus.write(corpusDocumentOf(commit.papers));
    } catch (error) {
      throw new StoreWriteError(this.#corpus.location, { cause: error });
    }
  }

  async close(): Promise<void> {
    try {
      await this.#corpus.close();
    } finally {
      await this.#lock?.release();
    }
  }

  /**
   * Writes the shards a few at a time and stops at the first failure. Not all at once: a batch of
   * delivery updates touches dozens of shards, and writing them all at once makes every fsync in
   * the process (a 👍's included) wait for all of that data to reach the disk. Each folder is
   * fsynced once, after the last rename in it: a batch of 60 claims touches ~57 of the 512
   * delivery shards, and a folder fsync per shard made that 114 fsyncs, not 58.
   */
  async #saveShards(shards: readonly ShardWrite[]): Promise<void> {
    const written: ShardWrite[] = [];
    try {
      for (let start = 0; start < shards.length; start += PARALLEL_WRITES) {
        await this.#writeAll(shards.slice(start, start + PARALLEL_WRITES), written);
      }
      const folders = new Set(written.map((shard) => this.#layout.kindFolder(shard.kind)));
      for (const folder of folders) await failsAs(folder, syncFolder(folder, this.#io));
    } catch (error) {
      await this.#putBack(written);
      throw error;
    }
  }

  /** Writes the shards at once, adding to `written` each one written; rejects once all are done. */
  async #writeAll(shards: readonly ShardWrite[], written: ShardWrite[]): Promise<void> {
    const outcomes = await Promise.allSettled(
      shards.map(async (shard) => {
        const file = this.#fileOf(shard);
        await failsAs(file.file, file.write(shard.after(), { syncFolder: false }));
        written.push(shard);
      }),
    );
    const failure = outcomes.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
  }

  async #putBack(shards: readonly ShardWrite[]): Promise<void> {
    for (const shard of shards) {
      const file = this.#fileOf(shard);
      try {
        await file.write(shard.before());
      } catch (error) {
        // Disk and memory now differ for this shard until its next successful write.
        this.#log.error(
          { file: file.file, err: error },
          `Could not put ${file.file} back after a failed save: it holds a change that was refused.`,
        );
      }
    }
  }

  #fileOf(shard: ShardWrite): DurableJsonFile<ShardDocument> {
    const path = this.#layout.shardFile(shard.kind, shard.shard);
    let file = this.#files.get(path);
    if (!file) {
      file = new DurableJsonFile<ShardDocument>(path, this.#io, { stringify: shardJson });
      this.#files.set(path, file);
    }
    return file;
  }
}

/** `work`, whose failure is reported as a StoreWriteError at `location`. */
async function failsAs(location: string, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    throw new StoreWriteError(location, { cause: error });
  }
}
