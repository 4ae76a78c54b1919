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

  write(data: T): Promise<void> {
    return writeDurably(this.file, this.#stringify(data), this.#io);
  }
}

/** Replaces `file` by `content` atomically (temp file + rename) and durably (fsync file, then folder). */
export async function writeDurably(
  file: string,
  content: FileContent,
  io: FileIo = nodeFileIo,
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
  await syncFolder(path.dirname(file), io);
}

/** A file's content: text (written as UTF-8), bytes, or bytes in parts written one after the other. */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

/** Writes every part; a write that stops short (it may, in principle) is continued. */
async function writeParts(handle: WritableHandle, parts: readonly Uint8Array[]): Promise<void> {
  if (!handle.writev) return handle.writeFile(Buffer.concat(parts));
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    while (pending.length > 0 && bytesWritten >= (pending[0]?.length ?? 0)) {
      bytesWritten -= pending[0]?.length ?? 0;
      pending = pending.slice(1);
    }
    const first = pending[0];
    if (first && bytesWritten > 0) pending = [first.subarray(bytesWritten), ...pending.slice(1)];
  }
}

/** Makes the folder's entries (a rename, a new or removed file) durable. */
export async function syncFolder(folder: string, io: FileIo = nodeFileIo): Promise<void> {
  const handle = await io.open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
