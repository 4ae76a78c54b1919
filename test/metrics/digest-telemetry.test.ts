import { describe, expect, it } from "vitest";
import { reportDigests } from "../../src/app/digest-telemetry.js";
import { createPrometheusTelemetry } from "../../src/metrics/prometheus.js";
import { FakeAdapter, fanOut, storeWith, subscription } from "../core/schedule/helpers.js";
import { sample } from "./helpers.js";

const NOW = new Date("2026-06-01T06:00:00Z"); // 08:00 in Paris

describe("reportDigests", () => {
  it("counts a tick's digests per platform: sent on time, late, failed, skipped", async () => {
    const store = await storeWith({
      "telegram:user:1": subscription({ chatId: "1" }),
      "telegram:user:2": subscription({ chatId: "2" }),
      "telegram:user:3": subscription({ chatId: "3", time: "07:00" }), // an hour late: caught up
      "telegram:user:4": subscription({ chatId: "4" }),
      "telegram:user:5": subscription({ chatId: "5", time: "01:00" }), // beyond the 6 h grace window
      "discord:channel:6": subscription({ chatId: "6" }), // Discord not configured here
    });
    const telegram = new FakeAdapter("telegram");
    telegram.answer = (chatId) =>
      chatId === "4" ? { ok: false, kind: "failed", reason: "400" } : { ok: true };
    const summary = await fanOut({ store, now: NOW, adapters: { telegram } });
    const telemetry = createPrometheusTelemetry({ processMetrics: false });

    reportDigests(summary, telemetry);

    const text = await telemetry.registry.metrics();
    const digests = (platform: string, outcome: string) =>
      sample(text, "paperboy_digests_total", { platform, outcome });
    expect(digests("telegram", "sent")).toBe(2);
    expect(digests("telegram", "late")).toBe(1);
    expect(digests("telegram", "failed")).toBe(1);
    expect(digests("telegram", "skipped")).toBe(1);
    expect(digests("discord", "skipped")).toBe(1);
    expect(digests("discord", "sent")).toBeUndefined();
    // The per-platform counts add up to the tick's.
    expect(summary).toMatchObject({ sent: 3, late: 1, failed: 1, skipped: 2 });
  });
});
