import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHfPapersPage, seedPaperId } from "../../../src/core/corpus/hf-page.js";

const pageText = readFileSync(new URL("../../../data/hf-papers-page.txt", import.meta.url), "utf8");
const lines = pageText.split(/\r?\n/).filter((line) => line.trim() !== "");

describe("parseHfPapersPage on the bundled seed page", () => {
  const papers = parseHfPapersPage(pageText);

  it("finds all 119 papers", () => {
    expect(papers).toHaveLength(119);
  });

  it("unglues the first title from the Subscribe button", () => {
    expect(papers[0]?.title).toBe(lines[2]?.replace(/^Subscribe/, "").trim());
    expect(papers.some((p) => p.title.startsWith("Subscribe"))).toBe(false);
  });

  it("keeps every title and abstract intact, in page order", () => {
    const body = lines.slice(2);
    papers.forEach((paper, i) => {
      const title = i === 0 ? (body[0] ?? "").replace(/^Subscribe/, "") : (body[2 * i] ?? "");
      expect(paper.title).toBe(title.trim().replace(/\s+/g, " "));
      expect(paper.abstract).toBe((body[2 * i + 1] ?? "").trim().replace(/\s+/g, " "));
      expect(paper.abstract.length).toBeGreaterThan(paper.title.length);
      expect(paper.sources).toEqual(["seed"]);
    });
  });

  it("gives unique ids that do not change between parses", () => {
    const ids = papers.map((p) => p.id);
    expect(new Set(ids).size).toBe(119);
    expect(parseHfPapersPage(pageText).map((p) => p.id)).toEqual(ids);
    expect(ids[0]).toBe(seedPaperId(papers[0]?.title ?? ""));
    expect(ids.every((id) => /^hf-[0-9a-f]{8}$/.test(id))).toBe(true);
  });

  it("returns no papers for an empty or header-only page", () => {
    expect(parseHfPapersPage("")).toEqual([]);
    expect(parseHfPapersPage(lines.slice(0, 2).join("\n"))).toEqual([]);
  });
});
