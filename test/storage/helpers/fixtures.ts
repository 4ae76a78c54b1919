import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../../../src/core/log.js";

export interface LoggedLine {
  level: "debug" | "info" | "warn" | "error";
  obj: object | string;
  msg: string;
}

/** A Logger that keeps what it is told, with the message text (pino style: object first). */
export function recordingLogger(): Logger & { lines: LoggedLine[]; warnings(): string[] } {
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
    warnings: () => lines.filter((line) => line.level === "warn").map((line) => line.msg),
  };
}

/** A fresh directory under the OS temp dir; call the returned cleanup in afterEach. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
