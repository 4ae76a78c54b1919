import { describe, expect, it } from "vitest";
import { Eligibility } from "../../../src/core/recommender/eligibility.js";
import { paper } from "./fixtures.js";

const papers = [
  paper("2401.00001", "A", "a", "2024-01-01T00:00:00Z"),
  paper("2401.00002", "B", "b", "2024-01-05T00:00:00Z"),
  paper("2401.00003", "C", "c"),
  paper("2401.00004", "D", "d", "2024-01-09T00:00:00Z"),
];
const docOf = new Map(papers.map((p, doc) => [p.id, doc]));
const allowed = (test: (doc: number) => boolean): string[] =>
  papers.filter((_, doc) => test(doc)).map((p) => p.id);

describe("Eligibility", () => {
  it("leaves out papers sent or judged, and papers published before the window (undated ones count)", () => {
    const eligibility = new Eligibility(papers, docOf);
    const test = eligibility.prepare(
      ["2401.00004", "not-in-pool"],
      new Set(["2401.00001"]),
      Date.parse("2024-01-02T00:00:00Z"),
    );
    expect(allowed(test)).toEqual(["2401.00002", "2401.00003"]);
  });

  it("forgets the previous request's exclusions when prepared for the next", () => {
    const eligibility = new Eligibility(papers, docOf);
    eligibility.prepare(["2401.00002", "2401.00003"], new Set(["2401.00004"]), 0);
    const test = eligibility.prepare([], new Set(), 0);
    expect(allowed(test)).toEqual(papers.map((p) => p.id));
  });

  it("recognises sent papers whatever their ids look like, and ignores ids of papers not in the pool", () => {
    const odd = [paper("x", "X", "x"), paper("cs/0501001v2", "Y", "y"), paper("2606.00001", "Z", "z")];
    const eligibility = new Eligibility(odd, new Map(odd.map((p, doc) => [p.id, doc])));
    const test = eligibility.prepare(
      ["cs/0501001v2", "2606.00002", "2401.00001", "y", ""],
      new Set(["x"]),
      0,
    );
    expect(odd.filter((_, doc) => test(doc)).map((p) => p.id)).toEqual(["2606.00001"]);
  });
});
