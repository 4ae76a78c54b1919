import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram.js";
import { TOKEN } from "./harness.js";
import { ALICE_DM, messageUpdate } from "./updates.js";

/** The composition root `npm start` runs (`tsx src/main.ts`). */
const ENTRY = "src/main.ts";
/**
 * tsx is started directly, as `npm start` does, rather than through npx: npx 11 dies of SIGTERM
 * itself without passing it on, which would orphan the bot instead of shutting it down.
 */
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const EXIT_WAIT_MS = 10_000;

let fake: FakeTelegram;
let dataDir: string;

afterEach(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("answers /help over real long polling, exits cleanly on SIGTERM and never prints the token", async () => {
    fake = await FakeTelegram.start(TOKEN);
    dataDir = await mkdtemp(join(tmpdir(), "paperboy-telegram-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      // Keep every other source of network traffic on the fake server, which answers 404.
      HF_API_ROOT: fake.apiRoot,
      ARXIV_API_ROOT: fake.apiRoot,
      ARXIV_RSS_ROOT: fake.apiRoot,
    };
    for (const name of ["DISCORD_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "HEALTH_PORT"])
      delete env[name];

    // Its own process group, so that cleanup can reach tsx's child process too.
    const child = spawn(process.execPath, [TSX_CLI, ENTRY], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    try {
      await Promise.race([
        fake.waitForCall("getUpdates"),
        exited.then((code) => Promise.reject(new Error(`npm start exited early (${code}):\n${output}`))),
      ]);
      fake.pushUpdate(messageUpdate("/help"));
      await fake.waitForCall("sendMessage", (payload) => payload.chat_id === ALICE_DM.id);

      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<"still running after SIGTERM">(
        (r) => (timer = setTimeout(r, EXIT_WAIT_MS, "still running after SIGTERM")),
      );
      const code = await Promise.race([exited, hung]);
      clearTimeout(timer);

      expect(code, output).toBe(0);
      expect(output).not.toContain(TOKEN);
    } finally {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }
  });
});
