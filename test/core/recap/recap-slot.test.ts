import { describe, expect, it } from "vitest";
import { dueRecapSlot, isoWeek, nextRecapSlot } from "../../../src/core/recap/recap-slot.js";
import type { Subscription, WeeklyRecap } from "../../../src/core/records.js";
import { recapSubscription } from "./recap-subscription.js";

const date = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};
const subscription = (recap: WeeklyRecap, timezone = "Europe/Paris"): Subscription =>
  recapSubscription(timezone, { recap });

describe("recap slots", () => {
  it("names ISO weeks across year ends", () => {
    expect(isoWeek(date("2026-12-11"))).toBe("2026-W50");
    expect(isoWeek(date("2026-12-31"))).toBe("2026-W53");
    expect(isoWeek(date("2027-01-01"))).toBe("2026-W53");
    expect(isoWeek(date("2021-01-03"))).toBe("2020-W53");
    expect(isoWeek(date("2024-12-30"))).toBe("2025-W01");
  });

  it("sends a Sunday-night recap after midnight within the grace, as the week it belongs to", () => {
    const recap: WeeklyRecap = { day: "sunday", time: "23:00" };
    const sunday = subscription(recap);
    // Monday 2026-12-14 02:00 in Paris (01:00 UTC): Sunday's 23:00 slot, three hours ago.
    const slot = dueRecapSlot(new Date("2026-12-14T01:00:00Z"), sunday);
    expect(slot?.week).toBe("2026-W50");
    expect(slot?.at.toISOString()).toBe("2026-12-13T22:00:00.000Z");
    // The week counted runs from the previous Sunday's slot.
    expect(slot?.weekStart.toISOString()).toBe("2026-12-06T22:00:00.000Z");
    expect(
      dueRecapSlot(new Date("2026-12-14T01:00:00Z"), subscription({ ...recap, lastWeek: "2026-W50" })),
    ).toBeUndefined();
  });

  it("finds no slot for a time or zone it cannot read", () => {
    const now = new Date("2026-12-11T20:00:00Z");
    expect(dueRecapSlot(now, subscription({ day: "friday", time: "25:00" }))).toBeUndefined();
    expect(dueRecapSlot(now, subscription({ day: "friday", time: "16:00" }, "Mars/Olympus"))).toBeUndefined();
    expect(nextRecapSlot(now, { day: "friday", time: "16:00" }, "Mars/Olympus")).toBeUndefined();
  });
});
