import { describe, expect, it } from "vitest";
import { parseArxivAtom } from "../../src/sources/arxiv-atom.js";
import { MalformedPayloadError } from "../../src/sources/errors.js";
import { fixture } from "./helpers/fake-source-server.js";

describe("parseArxivAtom", () => {
  it("reads the current format with ids, categories, authors and dates", () => {
    const { papers, totalResults, error } = parseArxivAtom(fixture("arxiv-api.sample.atom.xml"));

    expect(error).toBeUndefined();
    expect(totalResults).toBe(214881);
    expect(papers).toHaveLength(10);
    expect(papers[0]).toMatchObject({
      id: "2202.12139",
      title: "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
      authors: ["Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"],
      categories: ["cs.SE", "cs.LG"],
      publishedAt: "2022-02-24T15:05:19.000Z",
      url: "https://arxiv.org/abs/2202.12139",
      sources: ["arxiv"],
    });
    expect(papers[0]?.abstract).toMatch(/^Deep Learning \(DL\) has revolutionized/);
    expect(new Set(papers.map((paper) => paper.id)).size).toBe(10);
  });

  it("reads the legacy 2016 format: old-style id, wrapped title and indented abstract", () => {
    const { papers, totalResults } = parseArxivAtom(fixture("arxiv-api.legacy-2016.sample.atom.xml"));

    expect(totalResults).toBe(1);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: "cond-mat/0603029",
      title: "From stripe to checkerboard order on the square lattice in the presence of quenched disorder",
      authors: ["Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"],
      categories: ["cond-mat.str-el", "cond-mat.supr-con"],
      url: "https://arxiv.org/abs/cond-mat/0603029",
    });
    expect(papers[0]?.abstract).toMatch(
      /^We discuss the effects of quenched disorder on a model of charge density wave \(CDW\) ordering/,
    );
    expect(papers[0]?.abstract).not.toMatch(/\n|\s{2}/);
  });

  it("reads an empty feed as no papers", () => {
    expect(parseArxivAtom(fixture("arxiv-api.empty.sample.atom.xml"))).toEqual({
      papers: [],
      totalResults: 0,
    });
  });

  it("reports the reason of the error feed instead of a paper titled Error", () => {
    const page = parseArxivAtom(fixture("arxiv-api.error-400.sample.atom.xml"));
    expect(page.error).toBe("incorrect id format for abc");
    expect(page.papers).toEqual([]);
  });

  it("refuses truncated XML with the line of the problem", () => {
    const xml = fixture("arxiv-api.sample.atom.xml");
    const truncated = xml.slice(0, xml.length / 2);
    expect(() => parseArxivAtom(truncated)).toThrow(MalformedPayloadError);
    expect(() => parseArxivAtom(truncated)).toThrow(/not well-formed XML: .*\(line \d+\)/);
  });

  it.each([
    ["an RSS feed", fixture("arxiv-rss.sample.xml"), /not an Atom feed/],
    ["an HTML error page", "<html><body>Service Unavailable</body></html>", /not an Atom feed/],
    ["plain text", "Rate exceeded.", /not an Atom feed|not well-formed/],
  ])("refuses %s", (_name, body, message) => {
    expect(() => parseArxivAtom(body)).toThrow(message);
  });
});
