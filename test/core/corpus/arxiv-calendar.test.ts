import { describe, expect, it } from "vitest";
import { ArxivCalendar } from "../../../src/core/corpus/arxiv-calendar.js";

const calendar = new ArxivCalendar();
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("arXiv's announcement calendar", () => {
  it("announces Sunday to Thursday at 20:00 US Eastern, in summer and winter time", () => {
    // Sat 13 Jul 2024 to Sat 20 Jul 2024 (EDT, UTC-4).
    expect(
      iso(calendar.announcementsBetween(new Date("2024-07-13T12:00:00Z"), new Date("2024-07-20T12:00:00Z"))),
    ).toEqual([
      "2024-07-15T00:00:00.000Z", // Sun 14 Jul 20:00 EDT
      "2024-07-16T00:00:00.000Z",
      "2024-07-17T00:00:00.000Z",
      "2024-07-18T00:00:00.000Z",
      "2024-07-19T00:00:00.000Z", // Thu 18 Jul 20:00 EDT
    ]);
    // Sun 8 Dec 2024 20:00 EST is 01:00 UTC on the 9th.
    expect(
      iso(calendar.announcementsBetween(new Date("2024-12-08T12:00:00Z"), new Date("2024-12-09T12:00:00Z"))),
    ).toEqual(["2024-12-09T01:00:00.000Z"]);
  });

  it("has nothing between Thursday's announcement and Sunday's", () => {
    expect(
      calendar.announcementsBetween(new Date("2024-12-06T02:00:00Z"), new Date("2024-12-08T23:00:00Z")),
    ).toEqual([]);
  });

  it("skips the announcement after a holiday's missing deadline, Friday holidays included", () => {
    // Thanksgiving, Thu 28 Nov 2024: no announcement that evening.
    expect(
      iso(calendar.announcementsBetween(new Date("2024-11-28T12:00:00Z"), new Date("2024-11-30T12:00:00Z"))),
    ).toEqual([]);
    // Christmas 2026 is a Friday: Sunday 27 Dec announces nothing.
    expect(
      calendar.announcementsBetween(new Date("2026-12-27T12:00:00Z"), new Date("2026-12-28T12:00:00Z")),
    ).toEqual([]);
  });

  it("takes further holidays from configuration", () => {
    const week = [new Date("2027-03-01T12:00:00Z"), new Date("2027-03-02T12:00:00Z")] as const;
    expect(calendar.announcementsBetween(...week)).toHaveLength(1);
    expect(new ArxivCalendar(["2027-03-01"]).announcementsBetween(...week)).toEqual([]);
  });
});
