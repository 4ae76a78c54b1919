import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHealthServer, type HealthServer } from "../../src/health.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the HEALTHCHECK script the way Docker does: only the container's environment, then the exit code. */
function runScript(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const options = { cwd: root, env: { PATH: process.env.PATH ?? "", ...env } };
    execFile(
      process.execPath,
      ["--import", "tsx", "src/healthcheck.ts"],
      options,
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
      },
    );
  });
}

describe("the HEALTHCHECK script", () => {
  let dataDir = "";
  let healthy = true;
  let server: HealthServer;
  let port = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "paperboy-healthcheck-"));
    server = startHealthServer(0, () => ({ ok: healthy, detail: "scheduler stopped" }), "127.0.0.1");
    port = await server.ready;
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("exits 0 without HEALTH_PORT when DATA_DIR is readable, 1 when it is missing", async () => {
    expect(await runScript({ DATA_DIR: dataDir })).toMatchObject({ code: 0 });
    const missing = await runScript({ DATA_DIR: join(dataDir, "gone") });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("missing or not readable");
  });

  it("follows /healthz when HEALTH_PORT is set", async () => {
    healthy = true;
    expect(await runScript({ DATA_DIR: dataDir, HEALTH_PORT: String(port) })).toMatchObject({ code: 0 });
    healthy = false;
    const down = await runScript({ DATA_DIR: dataDir, HEALTH_PORT: String(port) });
    expect(down).toMatchObject({ code: 1, output: expect.stringContaining("503: scheduler stopped") });
  });

  it("exits 1 and names the variable when the configuration is invalid", async () => {
    const result = await runScript({ DATA_DIR: dataDir, HEALTH_PORT: "not-a-port" });
    expect(result).toMatchObject({ code: 1, output: expect.stringContaining("HEALTH_PORT") });
  });
});
