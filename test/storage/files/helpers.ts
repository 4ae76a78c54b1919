import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../../../src/core/log.js";
import type { Profile } from "../../../src/core/records.js";
import type { FileIo, WritableHandle } from "../../../src/storage/files/file-io.js";
import { nodeFileIo } from "../../../src/storage/files/file-io.js";

export interface LoggedLine {
  level: "debug" | "info" | "warn" | "error";
  obj: object | string;
  msg: string;
}

/** A Logger that keeps what it is told (pino style: object first, then the message). */
export function recordingLogger(): Logger & {
  lines: LoggedLine[];
  messages(level: LoggedLine["level"]): string[];
} {
  const lines: LoggedLine[] = [];
  const at =
    (level: LoggedLine["level"]) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, obj, msg: msg ?? (typeof obj === "string" ? obj : "") });
    };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    messages: (level) => lines.filter((line) => line.level === level).map((line) => line.msg),
  };
}

/** A fresh folder under the OS temp dir; call the returned cleanup in afterEach. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-files-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A pid that belonged to a process that has exited: a child run to completion. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  if (typeof child.pid !== "number") throw new Error("setup: could not start a child process");
  return child.pid;
}

/** What a FileIo double saw, in order: `open <flags> <file>`, `write <file>`, `sync <file>`, `rename <from> <to>`. */
export interface IoRecorder {
  io: FileIo;
  calls: string[];
  /** Makes the next `count` opens of a file matching `pattern` (for writing) fail with EIO. */
  failOpens(pattern: RegExp, count?: number): void;
  /** Makes opens of files matching `pattern` (for writing) wait until the returned function is called. */
  holdOpens(pattern: RegExp): () => void;
  /** Makes the next `count` fsyncs of a file or folder matching `pattern` fail with EIO. */
  failSyncs(pattern: RegExp, count?: number): void;
}

/** Node's file operations, recorded, with failures on demand (root ignores chmod, so this is how a write fails). */
export function recordingIo(): IoRecorder {
  const calls: string[] = [];
  const failures: Array<{ pattern: RegExp; left: number }> = [];
  const syncFailures: Array<{ pattern: RegExp; left: number }> = [];
  const holds: Array<{ pattern: RegExp; released: Promise<void> }> = [];
  const io: FileIo = {
    async open(file, flags) {
      calls.push(`open ${flags} ${file}`);
      const hold = holds.find((entry) => flags !== "r" && entry.pattern.test(file));
      if (hold) await hold.released;
      const failure = failures.find((entry) => entry.left > 0 && flags !== "r" && entry.pattern.test(file));
      if (failure) {
        failure.left -= 1;
        throw Object.assign(new Error(`EIO: i/o error, open '${file}'`), { code: "EIO" });
      }
      const handle = await nodeFileIo.open(file, flags);
      const recorded: WritableHandle = {
        writeFile: async (data) => {
          calls.push(`write ${file}`);
          await handle.writeFile(data);
        },
        writev: async (buffers) => {
          calls.push(`write ${file}`);
          if (!handle.writev) throw new Error("Node's file handles have writev");
          return handle.writev(buffers);
        },
        sync: async () => {
          calls.push(`sync ${file}`);
          const failure = syncFailures.find((entry) => entry.left > 0 && entry.pattern.test(file));
          if (failure) {
            failure.left -= 1;
            throw Object.assign(new Error(`EIO: i/o error, fsync '${file}'`), { code: "EIO" });
          }
          await handle.sync();
        },
        close: () => handle.close(),
      };
      return recorded;
    },
    async rename(from, to) {
      calls.push(`rename ${from} ${to}`);
      await nodeFileIo.rename(from, to);
    },
    readFile: (file, encoding) => nodeFileIo.readFile(file, encoding),
    unlink: (file) => nodeFileIo.unlink(file),
  };
  return {
    io,
    calls,
    failOpens: (pattern, count = 1) => void failures.push({ pattern, left: count }),
    failSyncs: (pattern, count = 1) => void syncFailures.push({ pattern, left: count }),
    holdOpens: (pattern) => {
      let release = (): void => undefined;
      holds.push({ pattern, released: new Promise<void>((resolve) => (release = resolve)) });
      return () => release();
    },
  };
}

export function aProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    interests: ["graph neural networks"],
    liked: ["2401.00001"],
    disliked: [],
    updatedAt: "2024-03-01T00:00:00.000Z",
    ...overrides,
  };
}

// One subscription fixture for every storage test.
export { aSubscription } from "../../store/contract/helpers.js";
