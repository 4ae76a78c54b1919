import { open, readFile, rename, unlink } from "node:fs/promises";

/** The part of a file handle that durable writes use. Node's FileHandle is one. */
export interface WritableHandle {
  /** Text is written as UTF-8. */
  writeFile(data: string | Uint8Array, encoding?: "utf8"): Promise<void>;
  /**
   * Writes the buffers one after the other, at the current position. Optional for doubles: without
   * it, content in parts is joined into one buffer and written with writeFile.
   */
  writev?(buffers: readonly Uint8Array[]): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file operations the file store writes and reads through. Production uses Node's; tests pass
 * a double to watch fsync calls or to make one write fail (root ignores file modes, so chmod
 * cannot make a write fail in CI).
 */
export interface FileIo {
  /** `flags` as for fs.open: "w" for a temp file, "r" to fsync a folder. */
  open(file: string, flags: string): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  readFile(file: string, encoding: "utf8"): Promise<string>;
  unlink(file: string): Promise<void>;
}

export const nodeFileIo: FileIo = {
  open: (file, flags) => open(file, flags),
  rename,
  // Read as bytes, decoded once: with an encoding, Node decodes chunk by chunk and joins the
  // pieces, which cost a store's open at 10,000 users (~150 MB of shards) ~0.4 s, and garbage.
  readFile: async (file, encoding) => (await readFile(file)).toString(encoding),
  unlink,
};
