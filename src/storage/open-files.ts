import { StorageInUseError } from "./errors.js";

// Kept on globalThis so that two copies of this module (e.g. loaded through different paths)
// still share one registry: the guard is per process, not per module instance.
const registryKey = Symbol.for("paperboy.storage.openFiles");
const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
const openFiles: Set<string> = (holder[registryKey] ??= new Set<string>());

/** Marks an absolute path as open in this process; throws StorageInUseError if it already is. */
export function claimFile(absolutePath: string): void {
  if (openFiles.has(absolutePath)) throw new StorageInUseError(absolutePath);
  openFiles.add(absolutePath);
}

export function releaseFile(absolutePath: string): void {
  openFiles.delete(absolutePath);
}
