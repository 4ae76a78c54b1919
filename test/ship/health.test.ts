import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkDataDir,
  probeHealth,
  runHealthcheck,
  startHealthServer,
  type HealthStatus,
} from "../../src/health.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serveHealth(check: () => HealthStatus): Promise<number> {
  const server = startHealthServer(0, check, "127.0.0.1");
  cleanups.push(() => server.close());
  return server.ready;
}

async function get(port: number, path: string, method = "GET"): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return { status: response.status, body: (await response.text()).trim() };
}

describe("startHealthServer", () => {
  it("answers GET /healthz with 200 ok while the check passes, 503 and the detail otherwise", async () => {
    let status: HealthStatus = { ok: true, detail: "running" };
    const port = await serveHealth(() => status);
    expect(await get(port, "/healthz")).toEqual({ status: 200, body: "ok" });
    status = { ok: false, detail: "last ingest failed 3 times" };
    expect(await get(port, "/healthz")).toEqual({ status: 503, body: "last ingest failed 3 times" });
  });

  it("answers 503 when the check itself throws", async () => {
    const port = await serveHealth(() => {
      throw new Error("store not opened");
    });
    expect(await get(port, "/healthz")).toEqual({
      status: 503,
      body: "health check failed: store not opened",
    });
  });

  it("points other paths and methods at GET /healthz", async () => {
    const port = await serveHealth(() => ({ ok: true, detail: "" }));
    expect(await get(port, "/")).toEqual({ status: 404, body: "not found: use GET /healthz" });
    expect(await get(port, "/healthz", "POST")).toEqual({
      status: 405,
      body: "method not allowed: use GET /healthz",
    });
  });

  it("reports a port already in use with the fix", async () => {
    const port = await serveHealth(() => ({ ok: true, detail: "" }));
    const second = startHealthServer(port, () => ({ ok: true, detail: "" }), "127.0.0.1");
    await expect(second.ready).rejects.toThrow(
      `port ${port} is already in use: set HEALTH_PORT to a free port`,
    );
    await second.close();
  });
});

describe("probeHealth", () => {
  it("is ok only for a 200", async () => {
    let ok = true;
    const port = await serveHealth(() => ({ ok, detail: "digest fan-out stuck" }));
    expect(await probeHealth(port)).toMatchObject({ ok: true });
    ok = false;
    expect(await probeHealth(port)).toEqual({
      ok: false,
      detail: `http://127.0.0.1:${port}/healthz answered 503: digest fan-out stuck`,
    });
  });

  it("fails when nothing listens or nothing answers in time", async () => {
    const server = startHealthServer(0, () => ({ ok: true, detail: "" }), "127.0.0.1");
    const closedPort = await server.ready;
    await server.close();
    expect(await probeHealth(closedPort)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("unreachable"),
    });

    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });
    const address = silent.address();
    const silentPort = typeof address === "object" && address ? address.port : 0;
    expect(await probeHealth(silentPort, 100)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("no answer"),
    });
  });
});

describe("checkDataDir and runHealthcheck", () => {
  it("accepts a readable directory and refuses a missing one or a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperboy-health-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "state.json");
    await writeFile(file, "{}");
    expect(await checkDataDir(dir)).toMatchObject({ ok: true });
    expect(await checkDataDir(join(dir, "missing"))).toMatchObject({ ok: false });
    expect(await checkDataDir(file)).toEqual({ ok: false, detail: `${file} is not a directory` });
  });

  it("probes the endpoint when a health port is set, else checks the data directory", async () => {
    const port = await serveHealth(() => ({ ok: false, detail: "down" }));
    expect(await runHealthcheck({ healthPort: port, dataDir: tmpdir() })).toMatchObject({ ok: false });
    expect(await runHealthcheck({ dataDir: tmpdir() })).toMatchObject({ ok: true });
  });
});
