import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOfWeek,
  instantOfLocal,
  isValidTimeZone,
  localTimeAt,
} from "../../../src/core/schedule/zoned-time.js";

const at = (iso: string) => Date.parse(iso);

describe("instantOfLocal", () => {
  it("finds an ordinary local time in zones east and west of UTC and on a half-hour offset", () => {
    expect(instantOfLocal({ year: 2026, month: 6, day: 1 }, 8, 0, "Europe/Paris")).toBe(
      at("2026-06-01T06:00:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 1, day: 15 }, 8, 0, "America/New_York")).toBe(
      at("2026-01-15T13:00:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 6, day: 1 }, 8, 0, "Asia/Kolkata")).toBe(
      at("2026-06-01T02:30:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 1, day: 15 }, 8, 0, "Australia/Sydney")).toBe(
      at("2026-01-14T21:00:00Z"),
    );
  });

  it("puts a time skipped by spring-forward right after the gap", () => {
    // Paris jumps from 02:00 to 03:00 at 01:00 UTC; New York at 07:00 UTC; Sydney at 16:00 UTC the day before.
    expect(instantOfLocal({ year: 2026, month: 3, day: 29 }, 2, 30, "Europe/Paris")).toBe(
      at("2026-03-29T01:00:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 3, day: 8 }, 2, 30, "America/New_York")).toBe(
      at("2026-03-08T07:00:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 10, day: 4 }, 2, 30, "Australia/Sydney")).toBe(
      at("2026-10-03T16:00:00Z"),
    );
  });

  it("takes the first of the two readings of a time repeated by fall-back", () => {
    expect(instantOfLocal({ year: 2026, month: 11, day: 1 }, 1, 30, "America/New_York")).toBe(
      at("2026-11-01T05:30:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 10, day: 25 }, 2, 30, "Europe/Paris")).toBe(
      at("2026-10-25T00:30:00Z"),
    );
    expect(instantOfLocal({ year: 2026, month: 4, day: 5 }, 2, 30, "Australia/Sydney")).toBe(
      at("2026-04-04T15:30:00Z"),
    );
  });
});

describe("calendar helpers", () => {
  it("reads the local date across midnight and the date line", () => {
    expect(localTimeAt(at("2026-06-01T23:30:00Z"), "Asia/Kolkata")).toMatchObject({
      month: 6,
      day: 2,
      hour: 5,
    });
    expect(localTimeAt(at("2026-06-01T02:00:00Z"), "America/New_York")).toMatchObject({ day: 31, hour: 22 });
  });

  it("moves across month and year ends and knows the weekday", () => {
    expect(addDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({ year: 2025, month: 12, day: 31 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(dayOfWeek({ year: 2026, month: 6, day: 1 })).toBe(1); // a Monday
  });

  it("accepts IANA zones and refuses made-up ones", () => {
    expect(isValidTimeZone("Australia/Sydney")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(() => localTimeAt(0, "Mars/Olympus")).toThrow(/IANA/);
  });
});
