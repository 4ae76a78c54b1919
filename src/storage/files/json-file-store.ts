import { copyFile, open, rename } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import type { Adapter } from "lowdb";
import type { Logger } from "../../core/log.js";
import { StorageCorruptError } from "../../core/store/errors.js";
import { DurableJsonFile, syncFolder } from "./durable-json-file.js";
import type { FileIo } from "./file-io.js";
import { nodeFileIo } from "./file-io.js";
import { copyAside, moveAside } from "./keep-aside.js";
import { exists } from "./exists.js";

type ReadOutcome<T> = { kind: "ok"; doc: T } | { kind: "missing" } | { kind: "corrupt"; reason: string };
type Unreadable = Exclude<ReadOutcome<unknown>, { kind: "ok" }>;

/**
 * One JSON document in one file (the corpus), through lowdb with the DurableJsonFile adapter
 * (never JSONFilePreset, which silently keeps data in memory when NODE_ENV=test), compact JSON.
 *
 * - One instance per file: two writers share one temp file and lose each other's writes. The data
 *   folder's lock (paperboy.lock) keeps other processes out; the file store opens one per file.
 * - Writes are atomic and durable (temp file fsynced, renamed, folder fsynced) and serialised:
 *   operations run one at a time, and writes asked for while another is waiting are merged into it,
 *   so the last document wins and every caller's promise resolves once it is on disk.
 * - `<file>.bak` is the last-good copy. A main file that is not valid JSON is restored from it with a
 *   warning, after the unreadable file is moved to `<file>.corrupt-<timestamp>`; when both are bad,
 *   read() throws StorageCorruptError and overwrites nothing.
 *
 * The document passed to write() is serialised when its turn comes, not at the call: hand over a
 * document that is not changed mid-way through a synchronous step (plain mutation between awaits is
 * fine; the newest content is what gets written).
 */
export class JsonFileStore<T extends object> {
  readonly location: string;
  readonly backupLocation: string;
  readonly #db: Low<T | null>;
  readonly #backupFile: DurableJsonFile<T | null>;
  readonly #log: Logger;
  readonly #readOnly: boolean;
  #tail: Promise<unknown> = Promise.resolve();
  #waitingWrite: { doc: T; done: Promise<void> } | undefined;
  /** Whether the main file on disk was last read or written by this instance (so it is not corrupt). */
  #mainKnownGood = false;
  #closed = false;

  /** `readOnly`: read() never restores, moves or copies a file; write() rejects. */
  constructor(file: string, log: Logger, options: { readOnly?: boolean; io?: FileIo } = {}) {
    this.location = path.resolve(file);
    this.backupLocation = `${this.location}.bak`;
    const io = options.io ?? nodeFileIo;
    this.#db = new Low<T | null>(new DurableJsonFile<T | null>(this.location, io), null);
    this.#backupFile = new DurableJsonFile<T | null>(this.backupLocation, io);
    this.#log = log;
    this.#readOnly = options.readOnly ?? false;
  }

  /** The stored document, undefined when neither the file nor its backup exists. */
  read(): Promise<T | undefined> {
    // A write asked for after this read must not be merged into one queued before it.
    this.#waitingWrite = undefined;
    return this.#enqueue(() => this.#readOrRecover());
  }

  write(doc: T): Promise<void> {
    if (this.#readOnly) return Promise.reject(new Error(`${this.location} is open read-only.`));
    if (this.#waitingWrite) {
      this.#waitingWrite.doc = doc;
      return this.#waitingWrite.done;
    }
    const job: { doc: T; done: Promise<void> } = { doc, done: Promise.resolve() };
    job.done = this.#enqueue(async () => {
      if (this.#waitingWrite === job) this.#waitingWrite = undefined;
      await this.#writeNow(job.doc);
    });
    this.#waitingWrite = job;
    return job.done;
  }

  /** Waits for queued writes; later operations reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
  }

  #enqueue<R>(operation: () => Promise<R>): Promise<R> {
    if (this.#closed) return Promise.reject(new Error(`${this.location} is closed.`));
    const run = this.#tail.then(operation);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #readOrRecover(): Promise<T | undefined> {
    const main = await readJson(this.#db.adapter, this.location);
    if (main.kind === "ok") {
      this.#mainKnownGood = true;
      return main.doc;
    }
    const backup = await readJson(this.#backupFile, this.backupLocation);
    if (main.kind === "missing" && backup.kind === "missing") {
      this.#mainKnownGood = true;
      return undefined;
    }
    if (backup.kind !== "ok") throw await this.#bothUnreadable(main, backup);
    if (this.#readOnly) {
      this.#log.warn(
        { file: this.location, backup: this.backupLocation },
        `${describe(this.location, main)}; using its backup ${this.backupLocation} (read-only: nothing restored).`,
      );
      return backup.doc;
    }

    const keptAt = main.kind === "corrupt" ? await moveAside(this.location) : undefined;
    this.#log.warn(
      { file: this.location, backup: this.backupLocation, keptAt },
      `${describe(this.location, main)}; restored it from ${this.backupLocation}` +
        (keptAt ? `; the unreadable file is kept at ${keptAt}` : "") +
        ".",
    );
    this.#mainKnownGood = true;
    await this.#writeNow(backup.doc);
    return backup.doc;
  }

  async #bothUnreadable(main: Unreadable, backup: Unreadable): Promise<StorageCorruptError> {
    const keptAt = main.kind === "corrupt" && !this.#readOnly ? await copyAside(this.location) : undefined;
    const backupPart =
      backup.kind === "missing"
        ? `there is no backup ${this.backupLocation}`
        : `its backup ${this.backupLocation} is unreadable (${backup.reason})`;
    const unreadable = [
      main.kind === "corrupt" ? this.location : "",
      backup.kind === "corrupt" ? this.backupLocation : "",
    ];
    const advice =
      `Nothing was overwritten${keptAt ? `; a copy of ${this.location} is kept at ${keptAt}` : ""}. ` +
      `Restore a good copy of ${this.location} from your own backups, or move ` +
      `${unreadable.filter(Boolean).join(" and ")} away to start with empty data.`;
    return new StorageCorruptError(
      this.location,
      this.backupLocation,
      `${describe(this.location, main)} and ${backupPart}. ${advice}`,
    );
  }

  async #writeNow(doc: T): Promise<void> {
    if (!this.#mainKnownGood) await this.#setAsideIfUnreadable();
    this.#db.data = doc;
    try {
      await this.#db.write();
    } finally {
      this.#db.data = null;
    }
    this.#mainKnownGood = true;
    await this.#refreshBackup();
  }

  /** A write without a read first must still not destroy an unreadable file someone may want back. */
  async #setAsideIfUnreadable(): Promise<void> {
    const current = await readJson(this.#db.adapter, this.location);
    if (current.kind !== "corrupt") return;
    const keptAt = await moveAside(this.location);
    this.#log.warn(
      { file: this.location, keptAt },
      `${describe(this.location, current)}; it is replaced by a new write and kept at ${keptAt}.`,
    );
  }

  // The backup is a copy of the file just written, not of the one it replaced: it then holds the
  // latest data, so a restore loses nothing. It is made only after the main file's rename, so at
  // any moment at least one of the two is complete; and it is copied to a temp file and renamed,
  // so a crash while copying leaves the previous backup intact. Copying the file rather than
  // serialising the document twice keeps the cost of a large corpus to one kernel copy.
  async #refreshBackup(): Promise<void> {
    const temp = path.join(path.dirname(this.backupLocation), `.${path.basename(this.backupLocation)}.tmp`);
    try {
      await copyFile(this.location, temp);
      await fsyncFile(temp);
      await rename(temp, this.backupLocation);
      await syncFolder(path.dirname(this.backupLocation));
    } catch (error) {
      // The document itself is safely on disk; an older backup is still a good one.
      this.#log.warn(
        { file: this.location, backup: this.backupLocation, err: error },
        `Saved ${this.location} but could not refresh its backup ${this.backupLocation}: ${String(error)}`,
      );
    }
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readJson<T>(adapter: Adapter<T | null>, file: string): Promise<ReadOutcome<T>> {
  let doc: T | null;
  try {
    doc = await adapter.read();
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: "corrupt", reason: `not valid JSON: ${error.message}` };
    throw new Error(`Cannot read ${file}: ${String(error)}`, { cause: error });
  }
  if (doc === null) {
    // lowdb answers null both for a missing file and for a file holding `null`.
    return (await exists(file)) ? { kind: "corrupt", reason: "it holds null" } : { kind: "missing" };
  }
  if (typeof doc !== "object") return { kind: "corrupt", reason: "it holds a bare value, not a document" };
  return { kind: "ok", doc };
}

function describe(file: string, outcome: Unreadable): string {
  return outcome.kind === "missing" ? `${file} is missing` : `${file} is unreadable (${outcome.reason})`;
}
