import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer, type HealthServerOptions, type HealthStatus } from "../../src/health.js";
import { createHealthCheck } from "../../src/metrics/health-rules.js";
import { createPrometheusTelemetry } from "../../src/metrics/prometheus.js";
import { sample } from "./helpers.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(
  check: () => HealthStatus | Promise<HealthStatus>,
  options: HealthServerOptions,
): Promise<string> {
  const server = startHealthServer(0, check, { host: "127.0.0.1", ...options });
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${await server.ready}`;
}

describe("GET /metrics", () => {
  it("serves the registry in the Prometheus text format", async () => {
    const telemetry = createPrometheusTelemetry();
    telemetry.command("find", 0.02, true);
    telemetry.digest("telegram", "sent", 3);
    const base = await serve(() => ({ ok: true, detail: "" }), { metrics: telemetry.registry });

    const response = await fetch(`${base}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(sample(text, "paperboy_commands_total", { command: "find", outcome: "ok" })).toBe(1);
    expect(sample(text, "paperboy_digests_total", { platform: "telegram", outcome: "sent" })).toBe(3);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThanOrEqual(0);

    // Each scrape reads the counters as they are now.
    telemetry.digest("telegram", "sent");
    const again = await (await fetch(`${base}/metrics`)).text();
    expect(sample(again, "paperboy_digests_total", { platform: "telegram", outcome: "sent" })).toBe(4);
  });

  it("is not served without a registry, and both paths are named when one is", async () => {
    const without = await serve(() => ({ ok: true, detail: "" }), {});
    expect((await fetch(`${without}/metrics`)).status).toBe(404);

    const telemetry = createPrometheusTelemetry({ processMetrics: false });
    const base = await serve(() => ({ ok: true, detail: "" }), { metrics: telemetry.registry });
    const notFound = await fetch(`${base}/nope`);
    expect(await notFound.text()).toBe("not found: use GET /healthz or GET /metrics\n");
    const post = await fetch(`${base}/metrics`, { method: "POST" });
    expect(post.status).toBe(405);
  });
});

describe("GET /healthz with the health rules", () => {
  it("turns 503 and says which platform once its connection has been down for over 10 minutes", async () => {
    const clock = { now: new Date("2026-06-03T12:00:00Z") };
    const telemetry = createPrometheusTelemetry({ processMetrics: false, clock: () => clock.now });
    const check = createHealthCheck({
      latestRuns: async () => [],
      connections: () => telemetry.connections.list(),
      now: () => clock.now,
    });
    const base = await serve(check, { metrics: telemetry.registry });

    telemetry.connection("telegram", "down");
    clock.now = new Date("2026-06-03T12:09:00Z");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    clock.now = new Date("2026-06-03T12:11:00Z");
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.text()).toBe("telegram connection down for 11 min (since 2026-06-03 12:00 UTC)\n");

    telemetry.connection("telegram", "up");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
