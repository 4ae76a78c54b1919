import { describe, expect, it } from "vitest";
import type { Subscription } from "../../../src/core/records.js";
import { nextSlotAfter } from "../../../src/core/schedule/next-slot.js";

function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    time: "08:00",
    timezone: "Europe/Paris",
    days: "daily",
    count: 5,
    quietNote: false,
    chatId: "1",
    ownerId: "1",
    createdAt: "2024-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** Friday 2024-03-08, 06:30 UTC: 07:30 in Paris. */
const friday = new Date("2024-03-08T06:30:00Z");

describe("nextSlotAfter", () => {
  it("is today's slot while it is still ahead, in the subscriber's zone", () => {
    expect(nextSlotAfter(friday, aSubscription(), undefined)).toEqual({
      localDate: "2024-03-08",
      at: new Date("2024-03-08T07:00:00Z"),
    });
  });

  it("is tomorrow's once today's slot passed, or once today has a record", () => {
    const after = new Date("2024-03-08T07:00:01Z");
    expect(nextSlotAfter(after, aSubscription(), undefined)?.localDate).toBe("2024-03-09");
    expect(nextSlotAfter(friday, aSubscription(), "2024-03-08")?.localDate).toBe("2024-03-09");
  });

  it("skips the weekend for a weekdays digest", () => {
    const next = nextSlotAfter(friday, aSubscription({ days: "weekdays" }), "2024-03-08");
    expect(next).toEqual({ localDate: "2024-03-11", at: new Date("2024-03-11T07:00:00Z") });
  });

  it("follows the zone across a clock change", () => {
    // Paris moves to summer time on Sunday 2024-03-31: 08:00 is then 06:00 UTC.
    const saturday = new Date("2024-03-30T08:00:00Z");
    expect(nextSlotAfter(saturday, aSubscription(), undefined)?.at).toEqual(new Date("2024-03-31T06:00:00Z"));
  });

  it("is undefined for a time or zone that cannot be scheduled", () => {
    expect(nextSlotAfter(friday, aSubscription({ time: "25:00" }), undefined)).toBeUndefined();
    expect(nextSlotAfter(friday, aSubscription({ timezone: "Mars/Olympus" }), undefined)).toBeUndefined();
  });
});
