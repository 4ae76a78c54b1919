import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger } from "../../src/core/log.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { countingFileIo } from "./counting-file-io.js";
import type { ChangeFigures } from "./store-changes.js";
import { timeProfileChanges } from "./store-changes.js";
import { writeShardFiles } from "./store-files-seed.js";

export interface FilesFigures extends ChangeFigures {
  /** File content written per change, in bytes: see countingFileIo. */
  bytesPerChange: number;
  fsyncsPerChange: number;
  /** The time `openFileStore` took to load every user, as a bot does when it starts. */
  openMs: number;
}

/**
 * The files adapter (lowdb shard files) in a fresh folder under the system's temp folder, holding
 * `users` users (see writeShardFiles), opened as a bot opens it, then `changes` profile changes
 * timed. The folder is removed afterwards, whatever happens.
 */
export async function benchFilesStore(opts: { users: number; changes: number }): Promise<FilesFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-bench-store-"));
  try {
    await writeShardFiles(dir, opts.users);
    const io = countingFileIo();
    const opening = performance.now();
    const store = await openFileStore(dir, { log: silentLogger, io });
    const openMs = performance.now() - opening;
    try {
      let from = { bytes: 0, syncs: 0 };
      const figures = await timeProfileChanges(store, {
        ...opts,
        onStart: () => void (from = { bytes: io.bytes, syncs: io.syncs }),
      });
      return {
        ...figures,
        bytesPerChange: (io.bytes - from.bytes) / opts.changes,
        fsyncsPerChange: (io.syncs - from.syncs) / opts.changes,
        openMs,
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
