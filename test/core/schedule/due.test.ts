import { describe, expect, it } from "vitest";
import { computeDue } from "../../../src/core/schedule/due.js";
import { subscription } from "./helpers.js";

const now = (iso: string) => new Date(iso);

describe("computeDue", () => {
  const paris = subscription({ time: "08:00", timezone: "Europe/Paris" });

  it("is waiting before the local slot and due, on time, from the slot's minute", () => {
    const yesterday = "2026-05-31";
    expect(computeDue(now("2026-06-01T05:59:00Z"), paris, yesterday)).toMatchObject({ status: "waiting" });
    expect(computeDue(now("2026-06-01T06:00:20Z"), paris, undefined)).toMatchObject({
      status: "due",
      localDate: "2026-06-01",
      late: false,
    });
  });

  it("is late more than a minute after the slot, and missed beyond the grace window", () => {
    expect(computeDue(now("2026-06-01T06:02:00Z"), paris, undefined)).toMatchObject({
      status: "due",
      late: true,
    });
    expect(computeDue(now("2026-06-01T11:59:00Z"), paris, undefined)).toMatchObject({
      status: "due",
      late: true,
    });
    expect(computeDue(now("2026-06-01T12:01:00Z"), paris, undefined)).toMatchObject({ status: "missed" });
    expect(computeDue(now("2026-06-01T12:01:00Z"), paris, undefined, { graceHours: 8 })).toMatchObject({
      status: "due",
    });
    expect(computeDue(now("2026-06-01T06:30:00Z"), paris, undefined, { graceHours: 0 })).toMatchObject({
      status: "missed",
    });
  });

  it("counts a record of that day, whatever its status, as delivered, and the next day as due", () => {
    expect(computeDue(now("2026-06-01T06:05:00Z"), paris, "2026-06-01")).toMatchObject({
      status: "waiting",
    });
    expect(computeDue(now("2026-06-02T06:00:00Z"), paris, "2026-06-01")).toMatchObject({
      status: "due",
      localDate: "2026-06-02",
    });
  });

  it("counts a record of a later local date as done too (the zone moved east since)", () => {
    expect(computeDue(now("2026-06-01T06:05:00Z"), paris, "2026-06-02")).toMatchObject({
      status: "waiting",
    });
  });

  it("catches up yesterday's late-evening slot after midnight, within the grace window", () => {
    const late = subscription({ time: "23:00", timezone: "Asia/Kolkata" });
    // 02:00 IST on June 2nd: the 23:00 slot of June 1st was 3 h ago.
    expect(computeDue(now("2026-06-01T20:30:00Z"), late, undefined)).toMatchObject({
      status: "due",
      localDate: "2026-06-01",
      late: true,
    });
  });

  it("delivers weekday subscriptions Monday to Friday in the subscriber's own zone", () => {
    const weekdays = subscription({ time: "08:00", timezone: "Australia/Sydney", days: "weekdays" });
    // Monday 2026-06-01 08:00 in Sydney is Sunday 22:00 UTC.
    expect(computeDue(now("2026-05-31T22:00:00Z"), weekdays, undefined)).toMatchObject({
      status: "due",
      localDate: "2026-06-01",
    });
    // Saturday 2026-06-06 08:00 Sydney: the latest weekday slot is Friday's, long past the grace window.
    expect(computeDue(now("2026-06-05T22:00:00Z"), weekdays, undefined)).toMatchObject({
      status: "missed",
      localDate: "2026-06-05",
    });
    expect(computeDue(now("2026-06-05T22:00:00Z"), { ...weekdays, days: "daily" }, undefined)).toMatchObject({
      status: "due",
      localDate: "2026-06-06",
    });
  });

  it("never sends a digest for a slot before the subscription existed", () => {
    const fresh = subscription({ createdAt: "2026-06-01T07:00:00.000Z" });
    expect(computeDue(now("2026-06-01T07:05:00Z"), fresh, undefined)).toMatchObject({ status: "waiting" });
    expect(computeDue(now("2026-06-02T06:00:00Z"), fresh, undefined)).toMatchObject({ status: "due" });
  });

  it("explains a stored time or zone it cannot schedule, naming the valid form", () => {
    expect(computeDue(now("2026-06-01T06:00:00Z"), subscription({ time: "8am" }), undefined)).toEqual({
      status: "invalid",
      reason: expect.stringMatching(/HH:MM.*08:00/),
    });
    expect(computeDue(now("2026-06-01T06:00:00Z"), subscription({ time: "24:00" }), undefined)).toMatchObject(
      {
        status: "invalid",
      },
    );
    expect(computeDue(now("2026-06-01T06:00:00Z"), subscription({ timezone: "Paris" }), undefined)).toEqual({
      status: "invalid",
      reason: expect.stringMatching(/IANA.*Europe\/Paris/),
    });
  });
});
