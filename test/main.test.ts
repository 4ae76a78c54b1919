import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/core/log.js";
import { openFileStore } from "../src/storage/files/open-file-store.js";

/** `npm start` runs `tsx src/main.ts`; the test starts the same entry without npm in between. */
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const ENTRY = path.resolve("src/main.ts");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(env: Record<string, string>, stdin: string): Promise<Run> {
  const clean = { ...process.env };
  for (const name of ["DISCORD_TOKEN", "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL", "HEALTH_PORT"])
    delete clean[name];
  const child = spawn(process.execPath, [TSX_CLI, ENTRY], { env: { ...clean, ...env }, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm start", () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-main-"));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("opens the console chat without tokens, says how to add them, answers piped commands and keeps what was set", async () => {
    const run = await start(
      { DATA_DIR: dataDir },
      "/interests add graph neural networks\n/find few-shot learning\n",
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain("TELEGRAM_BOT_TOKEN");
    expect(run.stdout).toContain("Added: “graph neural networks”");
    expect(run.stdout).toContain("Prototypical Networks for Few-shot Learning");
    const store = await openFileStore(dataDir, { log: silentLogger });
    try {
      expect((await store.profiles.get("console:user:local"))?.interests).toEqual(["graph neural networks"]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("refuses to start with a message naming both files when the state and its backup are unreadable", async () => {
    await writeFile(path.join(dataDir, "state.json"), '{"version": 1, "profiles": {');
    await writeFile(path.join(dataDir, "state.json.bak"), "not json");

    const run = await start({ DATA_DIR: dataDir }, "/help\n");

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(path.join(dataDir, "state.json"));
    expect(run.stderr).toContain("state.json.bak");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("refuses a bad configuration with the variable and the fix, before touching any file", async () => {
    const run = await start({ DATA_DIR: dataDir, DEFAULT_TIMEZONE: "Mars/Olympus" }, "");

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("DEFAULT_TIMEZONE");
    expect(await readdir(dataDir)).toEqual([]);
  }, 60_000);
});
