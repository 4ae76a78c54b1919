import { describe, expect, it } from "vitest";
import { createPrometheusTelemetry, errorCodeLabel } from "../../src/metrics/prometheus.js";
import { sample } from "./helpers.js";

describe("createPrometheusTelemetry", () => {
  it("counts ingest runs, failures and papers added per source", async () => {
    const telemetry = createPrometheusTelemetry({ processMetrics: false });
    telemetry.ingestRun("arxiv", { ok: true, added: 12 });
    telemetry.ingestRun("arxiv", { ok: false, added: 0 });
    telemetry.ingestRun("hf", { ok: true, added: 3 });
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_ingest_runs_total", { source: "arxiv" })).toBe(2);
    expect(sample(text, "paperboy_ingest_failures_total", { source: "arxiv" })).toBe(1);
    expect(sample(text, "paperboy_ingest_papers_added_total", { source: "arxiv" })).toBe(12);
    expect(sample(text, "paperboy_ingest_runs_total", { source: "hf" })).toBe(1);
    expect(sample(text, "paperboy_ingest_failures_total", { source: "hf" })).toBeUndefined();
    expect(sample(text, "paperboy_ingest_papers_added_total", { source: "hf" })).toBe(3);
  });

  it("counts digests per platform and outcome", async () => {
    const telemetry = createPrometheusTelemetry({ processMetrics: false });
    telemetry.digest("telegram", "sent", 40);
    telemetry.digest("telegram", "late", 2);
    telemetry.digest("discord", "failed");
    telemetry.digest("discord", "skipped", 0);
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_digests_total", { platform: "telegram", outcome: "sent" })).toBe(40);
    expect(sample(text, "paperboy_digests_total", { platform: "telegram", outcome: "late" })).toBe(2);
    expect(sample(text, "paperboy_digests_total", { platform: "discord", outcome: "failed" })).toBe(1);
    expect(
      sample(text, "paperboy_digests_total", { platform: "discord", outcome: "skipped" }),
    ).toBeUndefined();
  });

  it("counts commands by outcome and puts their latency in buckets from 1 ms to 10 s", async () => {
    const telemetry = createPrometheusTelemetry({ processMetrics: false });
    telemetry.command("find", 0.004, true);
    telemetry.command("find", 0.3, true);
    telemetry.command("find", 12, false);
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_commands_total", { command: "find", outcome: "ok" })).toBe(2);
    expect(sample(text, "paperboy_commands_total", { command: "find", outcome: "failed" })).toBe(1);
    const bucket = (le: string) =>
      sample(text, "paperboy_command_duration_seconds_bucket", { command: "find", le });
    expect(bucket("0.001")).toBe(0);
    expect(bucket("0.005")).toBe(1);
    expect(bucket("0.5")).toBe(2);
    expect(bucket("10")).toBe(2);
    expect(bucket("+Inf")).toBe(3);
    expect(sample(text, "paperboy_command_duration_seconds_sum", { command: "find" })).toBeCloseTo(12.304);
    expect(sample(text, "paperboy_command_duration_seconds_count", { command: "find" })).toBe(3);
  });

  it("keeps API error codes to a small set, so that odd codes cannot grow the series", async () => {
    const telemetry = createPrometheusTelemetry({ processMetrics: false });
    telemetry.platformError("telegram", "429");
    telemetry.platformError("telegram", "429");
    telemetry.platformError("discord", "418");
    telemetry.platformError("discord", "599");
    telemetry.platformError("discord", "50007");
    telemetry.platformError("slack", "network");
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_platform_api_errors_total", { platform: "telegram", code: "429" })).toBe(2);
    expect(sample(text, "paperboy_platform_api_errors_total", { platform: "discord", code: "4xx" })).toBe(1);
    expect(sample(text, "paperboy_platform_api_errors_total", { platform: "discord", code: "5xx" })).toBe(1);
    expect(sample(text, "paperboy_platform_api_errors_total", { platform: "discord", code: "other" })).toBe(
      1,
    );
    expect(sample(text, "paperboy_platform_api_errors_total", { platform: "other", code: "network" })).toBe(
      1,
    );
    expect(["400", "403", "429", "502", "network"].map(errorCodeLabel)).toEqual([
      "400",
      "403",
      "429",
      "502",
      "network",
    ]);
  });

  it("records store write latency per method, and each platform's connection state", async () => {
    const clock = { now: new Date("2026-06-01T06:00:00Z") };
    const telemetry = createPrometheusTelemetry({ processMetrics: false, clock: () => clock.now });
    telemetry.storeWrite("profiles.update", 0.002);
    telemetry.connection("telegram", "up");
    telemetry.connection("discord", "up");
    telemetry.connection("discord", "down");
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_store_write_duration_seconds_count", { method: "profiles.update" })).toBe(
      1,
    );
    expect(
      sample(text, "paperboy_store_write_duration_seconds_bucket", {
        method: "profiles.update",
        le: "0.0025",
      }),
    ).toBe(1);
    expect(sample(text, "paperboy_platform_connection", { platform: "discord", state: "down" })).toBe(1);
    expect(sample(text, "paperboy_platform_connection", { platform: "discord", state: "up" })).toBe(0);
    expect(sample(text, "paperboy_platform_connection", { platform: "telegram", state: "up" })).toBe(1);
    expect(telemetry.connections.list()).toEqual([
      { platform: "telegram", state: "up", since: clock.now },
      { platform: "discord", state: "down", since: clock.now },
    ]);
  });

  it("starts the known series at zero, and adds the process metrics on its own registry", async () => {
    const telemetry = createPrometheusTelemetry({
      known: { sources: ["arxiv"], platforms: ["telegram"], commands: ["find"] },
    });
    const text = await telemetry.registry.metrics();

    expect(sample(text, "paperboy_ingest_runs_total", { source: "arxiv" })).toBe(0);
    expect(sample(text, "paperboy_digests_total", { platform: "telegram", outcome: "failed" })).toBe(0);
    expect(sample(text, "paperboy_commands_total", { command: "find", outcome: "failed" })).toBe(0);
    expect(text).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(text).toContain("# HELP paperboy_digests_total");
    // A second instance (a test, a restart in-process) has registries of its own: no clash.
    expect(() => createPrometheusTelemetry()).not.toThrow();
  });
});
