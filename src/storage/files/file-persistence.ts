import type { Logger } from "../../core/log.js";
import type { CorpusDocument } from "../../core/state/types.js";
import { StoreWriteError } from "../../core/store/errors.js";
import { corpusDocumentOf } from "./corpus-document.js";
import type { DataDirLock } from "./data-dir-lock.js";
import type { DataLayout } from "./data-layout.js";
import { DurableJsonFile } from "./durable-json-file.js";
import type { FileIo } from "./file-io.js";
import type { JsonFileStore } from "./json-file-store.js";
import type { Commit, Persistence, ShardDocument, ShardWrite } from "./persistence.js";
import { shardJson } from "./shard-json.js";

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
   * Writes the shards one after the other and stops at the first failure. One at a time on
   * purpose: a batch of delivery updates touches dozens of ~1-2 MB shards at 10,000 users, and
   * writing them all at once makes every fsync in the process (a 👍's included) wait for all of
   * that data to reach the disk.
   */
  async #saveShards(shards: readonly ShardWrite[]): Promise<void> {
    const written: ShardWrite[] = [];
    for (const shard of shards) {
      const file = this.#fileOf(shard);
      try {
        await file.write(shard.after());
      } catch (error) {
        await this.#putBack(written);
        throw new StoreWriteError(file.file, { cause: error });
      }
      written.push(shard);
    }
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
