import path from "node:path";
import type { Adapter } from "lowdb";
import type { FileIo, WritableHandle } from "./file-io.js";
import { nodeFileIo } from "./file-io.js";

/**
 * A lowdb adapter for one JSON file whose writes survive a crash or a power cut once they resolve.
 *
 * lowdb's own file adapters write through steno, which writes `.<name>.tmp` and renames it over
 * the file but never fsyncs (steno 4): after a power cut the renamed file can be empty or hold old
 * data, though the bot already answered "saved". Here the temp file is fsynced before the rename
 * and the folder after it, so both the content and the new name are on disk before write()
 * resolves. JSON is compact: these files are for the program (`jq .` pretty-prints them).
 *
 * read() answers null for a missing file (as lowdb's adapters do) and throws SyntaxError for a
 * file that is not JSON. Writes to one file must not overlap (they share the temp file): the file
 * store runs them one at a time.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #io: FileIo;
  readonly #stringify: (data: T) => FileContent;

  /** `stringify`, as for lowdb's DataFile: how the data becomes the file's JSON. */
  constructor(file: string, io: FileIo = nodeFileIo, options: { stringify?: (data: T) => FileContent } = {}) {
    this.file = file;
    this.#io = io;
    this.#stringify = options.stringify ?? ((data) => JSON.stringify(data));
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.#io.readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /** `syncFolder: false`: as writeDurably's. */
  write(data: T, options: WriteOptions = {}): Promise<void> {
    return writeDurably(this.file, this.#stringify(data), this.#io, options);
  }
}

export interface WriteOptions {
  /**
   * false: the folder is not fsynced, so the new content is durable only once the caller has
   * fsynced the folder (syncFolder): one fsync then covers every file renamed in it since.
   */
  syncFolder?: boolean;
}

/** Replaces `file` by `content` atomically (temp file + rename) and durably (fsync file, then folder). */
export async function writeDurably(
  file: string,
  content: FileContent,
  io: FileIo = nodeFileIo,
  options: WriteOptions = {},
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  try {
    const handle = await io.open(temp, "w");
    try {
      if (typeof content === "string" || content instanceof Uint8Array) await handle.writeFile(content);
      else await writeParts(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temp, file);
  } catch (error) {
    await io.unlink(temp).catch(() => undefined); // a partial temp file is of no use to anyone
    throw error;
  }
  if (options.syncFolder ?? true) await syncFolder(path.dirname(file), io);
}

/** A file's content: text (written as UTF-8), bytes, or bytes in parts written one after the other. */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

/**
 * Writes every part; a write that stops short (it may, in principle) is continued. At most
 * PARTS_PER_WRITE parts are handed over at a time, and parts written are passed over by an index:
 * a profile shard at 100,000 users is ~4,700 parts, and dropping them from the front of the array
 * one at a time copied it over and over (5 ms of CPU and 88 MB of garbage per 👍).
 */
async function writeParts(handle: WritableHandle, parts: readonly Uint8Array[]): Promise<void> {
  if (!handle.writev) return handle.writeFile(Buffer.concat(parts));
  const pending = parts.filter((part) => part.length > 0);
  let next = 0;
  while (next < pending.length) {
    let { bytesWritten } = await handle.writev(pending.slice(next, next + PARTS_PER_WRITE));
    if (bytesWritten <= 0) throw new Error("writev wrote nothing: the file cannot grow.");
    while (next < pending.length && bytesWritten >= (pending[next]?.length ?? 0)) {
      bytesWritten -= pending[next]?.length ?? 0;
      next += 1;
    }
    const part = pending[next];
    if (part && bytesWritten > 0) pending[next] = part.subarray(bytesWritten);
  }
}

/** Linux's IOV_MAX: a writev of more buffers writes only this many. */
const PARTS_PER_WRITE = 1024;

/** Makes the folder's entries (a rename, a new or removed file) durable. */
export async function syncFolder(folder: string, io: FileIo = nodeFileIo): Promise<void> {
  const handle = await io.open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
