import { open, readFile, rename, unlink } from "node:fs/promises";

/** The part of a file handle that durable writes use. Node's FileHandle is one. */
export interface WritableHandle {
  writeFile(data: string, encoding: "utf8"): Promise<void>;
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
  readFile: (file, encoding) => readFile(file, encoding),
  unlink,
};
