import { open, readFile, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../../core/log.js";
import { StoreLockedError } from "../../core/store/errors.js";
import { syncFolder } from "./durable-json-file.js";

export const LOCK_FILE = "paperboy.lock";

/** What paperboy.lock holds: who holds the folder. */
export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

/** The lock this process holds on a data folder. */
export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this one's; safe to call again. */
  release(): Promise<void>;
}

// Folders locked by this process, shared by every copy of this module: a second store on a folder
// this process already holds is refused even though the lock file names a live pid (our own).
const heldKey = Symbol.for("paperboy.storage.lockedDataDirs");
const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
const held: Set<string> = (holder[heldKey] ??= new Set<string>());

/**
 * Makes this process the one paperboy writing `folder` (an absolute path), through
 * `<folder>/paperboy.lock`, created with O_EXCL so two starting processes cannot both succeed.
 *
 * A lock whose process is gone (a crash, a kill -9, a power cut) is taken over with a warning.
 * Whether it is gone can only be told on the host that wrote it: a lock from another host (a data
 * folder shared over the network, or the volume of a container that was replaced) is honoured,
 * with an error log saying which file to delete once that paperboy is known to be stopped. A lock
 * naming this very process (a restarted container is pid 1 again) is stale unless this process
 * holds the folder already.
 *
 * @throws StoreLockedError when another live paperboy holds the folder.
 */
export async function lockDataDir(folder: string, log: Logger): Promise<DataDirLock> {
  const file = path.join(folder, LOCK_FILE);
  if (held.has(folder)) throw new StoreLockedError(folder, process.pid);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createLock(file, mine)) {
      held.add(folder);
      return { file, release: once(() => releaseLock(folder, file, mine, log)) };
    }
    const current = await readLock(file);
    if (current === "gone") continue;
    if (current !== "unreadable" && isHeldElsewhere(current)) {
      if (current.host !== mine.host) {
        log.error(
          { folder, lockFile: file, pid: current.pid, host: current.host },
          `${file} was written by paperboy process ${current.pid} on host ${current.host}, which cannot be ` +
            `checked from ${mine.host}. If no paperboy runs there any more, delete ${file} and start again.`,
        );
      }
      throw new StoreLockedError(folder, current.pid);
    }
    log.warn(
      { folder, lockFile: file, pid: current === "unreadable" ? undefined : current.pid },
      current === "unreadable"
        ? `${file} is unreadable; taking over the data folder ${folder}.`
        : `${folder} was locked by paperboy process ${current.pid}, which is no longer running ` +
            `(it did not close cleanly); taking the lock over.`,
    );
    await unlink(file).catch(ignoreMissing);
  }
  // Someone else keeps creating the lock between our attempts: a live paperboy is starting.
  const last = await readLock(file);
  throw new StoreLockedError(folder, typeof last === "object" ? last.pid : 0);
}

/** Creates the lock file with our details, durably; false when it exists already. */
async function createLock(file: string, mine: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(mine), "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(path.dirname(file));
  return true;
}

async function readLock(file: string): Promise<LockInfo | "gone" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    return "unreadable";
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo> | null;
    if (typeof info?.pid !== "number" || !Number.isSafeInteger(info.pid) || info.pid <= 0)
      return "unreadable";
    return { pid: info.pid, host: String(info.host ?? ""), startedAt: String(info.startedAt ?? "") };
  } catch {
    return "unreadable";
  }
}

/** Whether the lock's process may still be running: always, when it cannot be checked from here. */
function isHeldElsewhere(lock: LockInfo): boolean {
  if (lock.host !== os.hostname()) return true;
  if (lock.pid === process.pid) return false; // not held by us (checked first): a previous life of this pid
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

async function releaseLock(folder: string, file: string, mine: LockInfo, log: Logger): Promise<void> {
  held.delete(folder);
  const current = await readLock(file);
  const ours =
    typeof current === "object" &&
    current.pid === mine.pid &&
    current.host === mine.host &&
    current.startedAt === mine.startedAt;
  if (!ours) {
    log.warn({ folder, lockFile: file }, `${file} is no longer this process's lock; leaving it in place.`);
    return;
  }
  await unlink(file).catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}
