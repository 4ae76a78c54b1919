import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/storage/files/data-dir-lock.js";
import { FAR_AWAY_CRON, killAllPaperboys, outputOf, startPaperboy } from "./paperboy-process.js";
import type { Paperboy } from "./paperboy-process.js";
import { Teardown } from "./teardown.js";
import { waitUntil, within } from "./wait.js";

/** Printed by the console chat once the store is open (and the data folder locked). */
const CHAT_READY = "paperboy console chat";
/** A line of /help's answer. */
const HELP_LINE = "/like <id>";
const START_MS = 90_000;

const teardown = new Teardown();
afterEach(async () => {
  await killAllPaperboys();
  await teardown.run();
}, 60_000);

/** `npm start` on `dataDir` without tokens: the console chat, its standard input kept open. */
function consoleOn(name: string, dataDir: string): Paperboy {
  return startPaperboy(
    name,
    { DATA_DIR: dataDir, LOG_LEVEL: "info", INGEST_CRON: FAR_AWAY_CRON },
    { stdin: true },
  );
}

/** Sends /help and waits for its answer, printed after everything printed so far. */
async function answersHelp(paperboy: Paperboy): Promise<void> {
  const before = paperboy.stdout().length;
  paperboy.write("/help\n");
  await waitUntil(`${paperboy.name} to answer /help`, {
    timeoutMs: 30_000,
    check: () => paperboy.stdout().slice(before).includes(HELP_LINE),
    abort: () => (paperboy.running() ? undefined : `it exited:\n${outputOf(paperboy)}`),
  });
}

async function lockHolder(dataDir: string): Promise<number> {
  const lock = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), "utf8")) as { pid: number };
  return lock.pid;
}

describe("one paperboy per DATA_DIR, between real processes", () => {
  it("refuses a second process on the folder, naming it and the holder's pid, and takes a dead holder's lock over", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-mp-lock-"));
    teardown.add(() => rm(dataDir, { recursive: true, force: true }));

    const first = consoleOn("first", dataDir);
    await first.waitForOutput(CHAT_READY, { on: "stdout", timeoutMs: START_MS });
    expect(await lockHolder(dataDir)).toBe(first.pid);

    // The second one gives up on its own: nobody ends its input, it never reaches the chat.
    const second = consoleOn("second", dataDir);
    const code = await within(
      () => `the second process to give up\n${outputOf(second)}`,
      START_MS,
      second.exited,
    );
    expect(code, outputOf(second)).toBe(1);
    expect(second.stderr()).toContain(`${dataDir} is in use by another paperboy (process ${first.pid})`);
    expect(second.stdout()).not.toContain(CHAT_READY);

    // The first never noticed: it still answers, and still holds the folder.
    await answersHelp(first);
    expect(await lockHolder(dataDir)).toBe(first.pid);

    // Killed without a chance to remove its lock: the next one takes the stale lock over, saying so.
    await first.kill();
    expect(await lockHolder(dataDir)).toBe(first.pid);
    const third = consoleOn("third", dataDir);
    await third.waitForOutput(CHAT_READY, { on: "stdout", timeoutMs: START_MS });
    expect(third.stderr()).toContain(
      `${dataDir} was locked by paperboy process ${first.pid}, which is no longer running`,
    );
    expect(await lockHolder(dataDir)).toBe(third.pid);
    await answersHelp(third);

    // A clean exit (end of input) releases the folder.
    third.endInput();
    expect(await within(() => `the third process to exit\n${outputOf(third)}`, 30_000, third.exited)).toBe(0);
    await expect(readFile(path.join(dataDir, LOCK_FILE), "utf8")).rejects.toThrow(/ENOENT/);
  }, 300_000);
});
