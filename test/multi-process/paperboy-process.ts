import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONFIG_VARIABLES } from "../../src/config.js";
import { waitUntil } from "./wait.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * `npm start` runs `tsx src/main.ts`; the tests run the same entry as `node --import tsx`, one
 * process, so that its pid is paperboy's own (the one the data folder's lock names) and a SIGKILL
 * hits paperboy itself, as a container runtime's would, instead of a tsx wrapper.
 */
const ARGS = ["--import", "tsx", "src/main.ts"];
/** Far from any day a test runs on (1 January, 03:17): no ingestion, no network. */
export const FAR_AWAY_CRON = "17 3 1 1 *";

/** One running `npm start`. */
export interface Paperboy {
  readonly pid: number;
  readonly name: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
  running(): boolean;
  /** Writes lines to standard input (the console chat). */
  write(text: string): void;
  endInput(): void;
  /** Waits until standard output or error (`on`) contains `text`; fails at once if the process ends. */
  waitForOutput(text: string, options?: { on?: "stdout" | "stderr"; timeoutMs?: number }): Promise<void>;
  /** Kills the whole process group (SIGKILL: no shutdown, no cleanup) and waits for the exit. */
  kill(): Promise<void>;
}

const started = new Set<Paperboy>();

/**
 * Starts paperboy with only `env` as its configuration: every paperboy variable of the test
 * runner's own environment is removed first, so a token or DATABASE_URL there cannot leak in.
 */
export function startPaperboy(
  name: string,
  env: Record<string, string>,
  options: { stdin?: boolean } = {},
): Paperboy {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of CONFIG_VARIABLES) delete clean[variable];
  const child = spawn(process.execPath, ARGS, {
    cwd: ROOT,
    env: { ...clean, ...env },
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    // Its own process group, so cleanup reaches anything it started.
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin?.on("error", () => {});
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  if (child.pid === undefined) throw new Error(`${name}: paperboy could not be started`);
  const pid = child.pid;

  const paperboy: Paperboy = {
    pid,
    name,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    running: () => !done,
    write: (text) => void child.stdin?.write(text),
    endInput: () => void child.stdin?.end(),
    waitForOutput: (text, { on, timeoutMs = 90_000 } = {}) =>
      waitUntil(`${name} to print ${JSON.stringify(text)}`, {
        timeoutMs,
        check: () => (on === "stderr" ? stderr : on === "stdout" ? stdout : stdout + stderr).includes(text),
        abort: () => (done ? `${name} exited first:\n${outputOf(paperboy)}` : undefined),
      }),
    kill: async () => {
      if (!done) killGroup(child);
      await exited;
    },
  };
  started.add(paperboy);
  return paperboy;
}

/** Kills every process started by this test file that still runs; for afterEach. */
export async function killAllPaperboys(): Promise<void> {
  const all = [...started];
  started.clear();
  await Promise.all(all.map((paperboy) => paperboy.kill()));
}

/** A process's output, for failure messages. */
export function outputOf(paperboy: Paperboy): string {
  const tail = (text: string) => (text.length > 4_000 ? `…${text.slice(-4_000)}` : text);
  return `--- ${paperboy.name} (pid ${paperboy.pid}) stdout:\n${tail(paperboy.stdout())}\n--- stderr:\n${tail(paperboy.stderr())}`;
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}
