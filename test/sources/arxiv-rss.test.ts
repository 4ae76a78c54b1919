import { describe, expect, it } from "vitest";
import { parseArxivRss } from "../../src/sources/arxiv-rss.js";
import { MalformedPayloadError } from "../../src/sources/errors.js";
import { fixture } from "./helpers/fake-source-server.js";

describe("parseArxivRss", () => {
  const papers = parseArxivRss(fixture("arxiv-rss.sample.xml"));

  it("reads every item with its id, authors and categories", () => {
    expect(papers.map((paper) => paper.id)).toEqual(["2609.26811", "2609.26820", "2205.06398", "2009.13987"]);
    expect(papers[1]).toMatchObject({
      title:
        "Signal2Symbol: Neuro-Symbolic Temporal Reasoning for Explainable Physiological Time-Series Anomaly Detection",
      authors: ["Naser Mansour", "Sidahmed Benabderrahmane", "Ameer Rahwan"],
      categories: ["cs.LG", "cs.AI"],
      url: "https://arxiv.org/abs/2609.26820",
      sources: ["rss"],
    });
  });

  it("keeps only the abstract of the description, without arXiv's announcement header", () => {
    expect(papers[0]?.abstract).toMatch(/^Local learning trains each layer with its own auxiliary loss/);
    for (const paper of papers) expect(paper.abstract).not.toMatch(/Announce Type|^Abstract:/);
  });

  it("dates new and cross-listed papers by their announcement and leaves replacements undated", () => {
    expect(papers[0]?.publishedAt).toBe("2026-09-24T04:00:00.000Z");
    expect(papers[2]?.publishedAt).toBe("2026-09-24T04:00:00.000Z");
    expect(papers[3]?.publishedAt).toBeUndefined();
  });

  it("refuses a feed that is not RSS", () => {
    expect(() => parseArxivRss(fixture("arxiv-api.sample.atom.xml"))).toThrow(/not RSS 2.0/);
    expect(() => parseArxivRss("<rss><channel><item>")).toThrow(MalformedPayloadError);
  });
});
