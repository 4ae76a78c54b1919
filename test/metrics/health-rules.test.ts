import { describe, expect, it } from "vitest";
import type { IngestRun } from "../../src/core/records.js";
import type { ConnectionRecord } from "../../src/metrics/connections.js";
import { createHealthCheck, healthVerdict, IngestHistory } from "../../src/metrics/health-rules.js";

const NOW = new Date("2026-06-03T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

function run(source: string, at: Date, error?: string): IngestRun {
  return { source, at: at.toISOString(), added: error ? 0 : 5, merged: 0, ...(error ? { error } : {}) };
}

/** The verdict after the process saw `seen`, one store answer after the other. */
function verdict(seen: IngestRun[][], connections: ConnectionRecord[] = []) {
  const history = new IngestHistory();
  for (const runs of seen) history.observe(runs);
  return healthVerdict({ sources: history.standings(), connections, now: NOW });
}

describe("healthVerdict", () => {
  it.each([
    { case: "no ingest run recorded yet", seen: [[]], ok: true },
    { case: "every source fresh", seen: [[run("arxiv", hoursAgo(2)), run("hf", hoursAgo(2))]], ok: true },
    {
      case: "one source ok, the other failing for days",
      seen: [[run("arxiv", hoursAgo(2)), run("hf", hoursAgo(80), "HTTP 503")]],
      ok: true,
    },
    {
      case: "every source failing, last successes 35 h ago",
      seen: [
        [run("arxiv", hoursAgo(35)), run("hf", hoursAgo(35))],
        [run("arxiv", hoursAgo(11), "HTTP 503"), run("hf", hoursAgo(11), "timeout")],
      ],
      ok: true,
    },
    {
      case: "every source failing, last successes 37 h ago",
      seen: [
        [run("arxiv", hoursAgo(37)), run("hf", hoursAgo(37))],
        [run("arxiv", hoursAgo(13), "HTTP 503"), run("hf", hoursAgo(13), "timeout")],
      ],
      ok: false,
    },
    {
      case: "every source failing for 37 h, one of them succeeded 35 h ago",
      seen: [
        [run("arxiv", hoursAgo(37)), run("hf", hoursAgo(35))],
        [run("arxiv", hoursAgo(13), "HTTP 503"), run("hf", hoursAgo(13), "timeout")],
      ],
      ok: true,
    },
    {
      case: "no success seen, earliest failure seen 35 h ago",
      seen: [[run("arxiv", hoursAgo(35), "HTTP 503")], [run("arxiv", hoursAgo(11), "HTTP 503")]],
      ok: true,
    },
    {
      case: "no success seen, earliest failure seen 37 h ago",
      seen: [[run("arxiv", hoursAgo(37), "HTTP 503")], [run("arxiv", hoursAgo(13), "HTTP 503")]],
      ok: false,
    },
    {
      case: "failing for 37 h, then a success",
      seen: [[run("arxiv", hoursAgo(37), "HTTP 503")], [run("arxiv", hoursAgo(1))]],
      ok: true,
    },
  ])("$case: ok is $ok", ({ seen, ok }) => {
    expect(verdict(seen).ok).toBe(ok);
  });

  it.each([
    { case: "up for long", state: "up" as const, minutes: 600, ok: true },
    { case: "down for 9 min", state: "down" as const, minutes: 9, ok: true },
    { case: "down for 11 min", state: "down" as const, minutes: 11, ok: false },
    { case: "off on purpose for an hour", state: "idle" as const, minutes: 60, ok: true },
  ])("a platform $case: ok is $ok", ({ state, minutes, ok }) => {
    const connections = [{ platform: "discord", state, since: minutesAgo(minutes) }];
    expect(verdict([[run("arxiv", hoursAgo(2))]], connections).ok).toBe(ok);
  });

  it("says which sources fail, since when and why", () => {
    const status = verdict([
      [run("arxiv", hoursAgo(40))],
      [
        run("arxiv", hoursAgo(13), "HTTP 503 from export.arxiv.org"),
        run("hf", hoursAgo(38), "timeout after 5m"),
      ],
    ]);
    expect(status).toEqual({
      ok: false,
      detail:
        "ingestion failed on every source for over 36 h: " +
        "arxiv (last success 2026-06-01 20:00 UTC; latest run 2026-06-02 23:00 UTC: HTTP 503 from export.arxiv.org), " +
        "hf (failing since 2026-06-01 22:00 UTC at least; latest run 2026-06-01 22:00 UTC: timeout after 5m)",
    });
  });

  it("says which platform is down and since when, beside a failing ingestion", () => {
    const status = verdict(
      [[run("arxiv", hoursAgo(37), "HTTP 503")]],
      [
        { platform: "telegram", state: "up", since: minutesAgo(30) },
        { platform: "discord", state: "down", since: minutesAgo(11) },
      ],
    );
    expect(status.ok).toBe(false);
    expect(status.detail).toMatch(
      /^ingestion failed on every source for over 36 h: arxiv .*; discord connection down for 11 min \(since 2026-06-03 11:49 UTC\)$/,
    );
    expect(status.detail).not.toContain("telegram");
  });

  it("judges only the configured sources", () => {
    const history = new IngestHistory(["arxiv"]);
    history.observe([run("arxiv", hoursAgo(40), "HTTP 503"), run("rss", hoursAgo(1))]);
    expect(healthVerdict({ sources: history.standings(), connections: [], now: NOW }).ok).toBe(false);
  });
});

describe("createHealthCheck", () => {
  it("asks the store at most once per 30 s, and keeps what it knew when the store cannot answer", async () => {
    const clock = { now: NOW };
    let asked = 0;
    let answer: () => Promise<IngestRun[]> = async () => [run("arxiv", hoursAgo(37))];
    const check = createHealthCheck({
      latestRuns: () => {
        asked += 1;
        return answer();
      },
      connections: () => [],
      now: () => clock.now,
    });

    expect(await Promise.all([check(), check()])).toEqual([
      { ok: true, detail: "ok" },
      { ok: true, detail: "ok" },
    ]);
    expect(asked).toBe(1);

    answer = async () => [run("arxiv", hoursAgo(1), "HTTP 503")];
    clock.now = new Date(NOW.getTime() + 29_000);
    expect((await check()).ok).toBe(true);
    expect(asked).toBe(1);

    clock.now = new Date(NOW.getTime() + 31_000);
    expect((await check()).ok).toBe(false);
    expect(asked).toBe(2);

    answer = () => Promise.reject(new Error("connection refused"));
    clock.now = new Date(NOW.getTime() + 62_000);
    expect((await check()).ok).toBe(false);
    expect(asked).toBe(3);
  });
});
