import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { vectorToMap } from "../../../src/core/search/sparse.js";

const paper = (id: string, title: string, abstract = "", publishedAt?: string): Paper => ({
  id,
  title,
  abstract,
  authors: [],
  sources: ["seed"],
  ...(publishedAt ? { publishedAt } : {}),
});
/** Plain TF-IDF (no title boost, pivot or feedback) so the numbers can be worked out by hand. */
const PLAIN = { titleWeight: 1, bigramWeight: 1 };

describe("TF-IDF weights on a hand-computed three-paper example", () => {
  // d1 = "apple banana", d2 = "apple cherry", d3 = "banana banana cherry".
  // Smoothed idf = ln((1 + N) / (1 + df)) + 1 with N = 3; sublinear tf = 1 + ln(tf).
  const idfOf2 = Math.log(4 / 3) + 1; // apple, banana, cherry
  const idfOf1 = Math.log(4 / 2) + 1; // each bigram
  const papers = [
    paper("d1", "apple banana"),
    paper("d2", "apple cherry"),
    paper("d3", "banana banana cherry"),
  ];
  const index = TfIdfIndex.build(papers, PLAIN);
  const weightsOf = (id: string) => {
    const indexed = papers.find((p) => p.id === id);
    if (!indexed) throw new Error(`no paper ${id}`);
    const vector = index.vectorOfText(indexed);
    return new Map([...vectorToMap(vector)].map(([term, w]) => [index.labels([term])[0], w]));
  };

  it("weighs d1's words and its bigram, L2-normalised", () => {
    const norm = Math.hypot(idfOf2, idfOf2, idfOf1);
    const d1 = weightsOf("d1");
    expect(d1.get("apple")).toBeCloseTo(idfOf2 / norm, 5);
    expect(d1.get("banana")).toBeCloseTo(idfOf2 / norm, 5);
    expect(d1.get("apple banana")).toBeCloseTo(idfOf1 / norm, 5);
  });

  it("applies sublinear tf to a repeated word", () => {
    const banana = (1 + Math.log(2)) * idfOf2;
    const norm = Math.hypot(banana, idfOf2, idfOf1, idfOf1);
    expect(weightsOf("d3").get("banana")).toBeCloseTo(banana / norm, 5);
  });

  it("scores a one-word query by the paper's weight for it, best first", () => {
    const outcome = index.search("banana");
    expect(outcome.results.map((r) => r.id)).toEqual(["d3", "d1"]);
    expect(outcome.results[0]?.score).toBeCloseTo(weightsOf("d3").get("banana") ?? 0, 5);
    expect(outcome.results[0]?.matched).toEqual(["banana"]);
    expect(outcome.total).toBe(2);
  });
});

describe("TfIdfIndex search", () => {
  const papers = [
    paper(
      "g1",
      "Graph neural networks for molecules",
      "Message passing on molecular graphs.",
      "2025-01-10T00:00:00Z",
    ),
    paper(
      "g2",
      "Diffusion models for images",
      "Denoising diffusion generates images.",
      "2025-03-01T00:00:00Z",
    ),
    paper(
      "g3",
      "Reinforcement learning for robots",
      "Policies learned from rewards.",
      "2024-05-01T00:00:00Z",
    ),
  ];

  it("ranks the matching paper first and explains the match", () => {
    const top = TfIdfIndex.build(papers).search("graph neural networks").results[0];
    expect(top?.id).toBe("g1");
    expect(top?.matched).toEqual(expect.arrayContaining(["graph", "neural", "networks"]));
    expect(top?.score).toBeGreaterThan(0);
  });

  it("reads a stated interest like its keywords", () => {
    const index = TfIdfIndex.build(papers);
    expect(index.search("I am interested in diffusion models").results[0]?.id).toBe("g2");
    expect(index.search("ＤＩＦＦＵＳＩＯＮ models").results[0]?.id).toBe("g2");
  });

  it("folds Unicode in indexed text the way the tokenizer does, keeping phrases across it", () => {
    const index = TfIdfIndex.build([
      paper("u1", "Eﬃcient ﬁne-tuning of naïve Bayes", "Works on <i>tabular</i> data."),
      paper("u2", "Naïve Bayes nets", "Plain text."),
    ]);
    const top = index.search("efficient fine tuning naive bayes").results[0];
    expect(top?.id).toBe("u1");
    expect(index.search("naïve bayes").results[0]?.matched).toContain("naïve bayes");
    expect(index.search("tabular").results[0]?.id).toBe("u1");
  });

  it("honours limit, offset and since", () => {
    const index = TfIdfIndex.build(papers);
    const all = index.search("for", { limit: 10 });
    expect(all.results).toEqual([]);
    const learning = index.search("graph diffusion reinforcement", { limit: 1 });
    expect(learning.results).toHaveLength(1);
    expect(learning.total).toBe(3);
    const second = index.search("graph diffusion reinforcement", { limit: 1, offset: 1 });
    expect(second.results[0]?.id).not.toBe(learning.results[0]?.id);
    const recent = index.search("graph diffusion reinforcement", { since: new Date("2025-01-01T00:00:00Z") });
    expect(recent.results.map((r) => r.id).sort()).toEqual(["g1", "g2"]);
  });

  it("makes added papers searchable at once and removed ones disappear", () => {
    const index = TfIdfIndex.build(papers);
    index.add([paper("q1", "Quantum error correction codes", "Surface codes protect qubits.")]);
    expect(index.size).toBe(4);
    expect(index.search("quantum error correction").results[0]?.id).toBe("q1");
    expect(index.remove("q1")).toBe(true);
    expect(index.search("quantum error correction").results).toEqual([]);
    expect(index.has("q1")).toBe(false);
    expect(index.remove("q1")).toBe(false);
    expect(index.size).toBe(3);
  });

  it("replaces a paper added again under the same id", () => {
    const index = TfIdfIndex.build(papers);
    index.add([paper("g3", "Protein folding with transformers")]);
    expect(index.size).toBe(3);
    expect(index.search("protein folding").results[0]?.id).toBe("g3");
    expect(index.search("robots").results).toEqual([]);
  });

  it("scores a corpus listing a paper twice as if only its last copy were there", () => {
    const twice = [...papers, paper("g1", "Quantum sheep herding")];
    const once = [...papers.filter((p) => p.id !== "g1"), paper("g1", "Quantum sheep herding")];
    const scores = (index: TfIdfIndex, query: string) =>
      index.search(query).results.map((r) => [r.id, r.score.toFixed(6)]);
    for (const query of ["quantum sheep", "robots", "graph networks"]) {
      expect(scores(TfIdfIndex.build(twice), query)).toEqual(scores(TfIdfIndex.build(once), query));
    }
    expect(TfIdfIndex.build(twice).search("quantum sheep").results[0]?.id).toBe("g1");
  });
});

describe("bad queries never throw", () => {
  const index = TfIdfIndex.build([paper("p", "Attention is all you need", "Transformers use attention.")]);

  it.each([
    ["empty", ""],
    ["whitespace only", "   \n\t  "],
    ["stop words only", "the of and with"],
    ["emoji only", "🚀🔥🤖"],
    ["HTML only", "<script></script><br/>"],
    ["punctuation only", "?!?.,;"],
  ])("%s: no results and a notice naming what to type", (_name, query) => {
    const outcome = index.search(query);
    expect(outcome.results).toEqual([]);
    expect(outcome.total).toBe(0);
    expect(outcome.notice).toMatch(/e\.g\./);
  });

  it("cuts a query over 1,000 characters and says so, still searching", () => {
    const outcome = index.search(`attention ${"x".repeat(2000)}`);
    expect(outcome.notice).toMatch(/1,000 characters/);
    expect(outcome.results[0]?.id).toBe("p");
  });

  it("searches the words around emoji and HTML", () => {
    const outcome = index.search("🚀 <b>attention</b> 🔥");
    expect(outcome.results[0]?.id).toBe("p");
    expect(outcome.notice).toBeUndefined();
  });

  it("matches nothing, without advice, for words no paper uses", () => {
    expect(index.search("zymurgy")).toEqual({ results: [], total: 0 });
  });

  it("returns an empty result on an empty index", () => {
    expect(TfIdfIndex.build([]).search("attention").results).toEqual([]);
  });

  it("takes a title weight only as a whole number of counts, from 1 to 255", () => {
    for (const titleWeight of [0, 2.5, 256, Number.NaN]) {
      expect(() => TfIdfIndex.build([], { ...PLAIN, titleWeight })).toThrow(
        `titleWeight must be a whole number from 1 to 255, not ${titleWeight}.`,
      );
    }
    expect(TfIdfIndex.build([], { ...PLAIN, titleWeight: 255 }).size).toBe(0);
  });
});
