import { describe, expect, it } from "vitest";
import {
  evaluateLibraries,
  formatLibraryEvaluation,
  type LibraryEvaluation,
  type LibraryProtocol,
} from "../../scripts/eval/library.js";
import type { ListedPaper } from "../../scripts/eval/paperlist.js";

const TOPICS = {
  graph: "graph nodes edges message passing neighbourhood aggregation",
  "reinforcement learning": "reinforcement learning reward policy agent environment",
  vision: "image pixels convolution camera segmentation",
} as const;

/** `count` papers on a topic, each with words of its own so no two are the same document. */
function papersOn(keyword: keyof typeof TOPICS, count: number, from: number): ListedPaper[] {
  return Array.from({ length: count }, (_, i) => ({
    paper: {
      id: `${keyword.replace(/ /g, "-")}-${i}`,
      title: `${TOPICS[keyword].split(" ").slice(0, 3).join(" ")} study ${from + i}`,
      abstract: `We study ${TOPICS[keyword]} with method${from + i} on dataset${from + i}.`,
      authors: [],
      sources: [],
    },
    keywords: [keyword],
  }));
}

const corpus: ListedPaper[] = [
  ...papersOn("graph", 14, 0),
  ...papersOn("reinforcement learning", 14, 100),
  ...papersOn("vision", 11, 200),
];
const protocol: LibraryProtocol = { minPapers: 12, sizes: [3, 10], seeds: [1, 2] };

describe("library simulation", () => {
  it("makes users of the keywords with enough papers only", () => {
    expect(evaluateLibraries(corpus, protocol).users).toBe(2);
  });

  it("finds a keyword's other papers from its library alone, never counting the library's own papers", () => {
    const result = evaluateLibraries(corpus, protocol);
    for (const row of result.rows) {
      // Were the library's papers ranked, they would top the library's ranking and cost relevant slots.
      expect(row.library).toBeCloseTo(1, 6);
      expect(row.stated).toBeCloseTo(1, 6);
      expect(row.both).toBeCloseTo(1, 6);
    }
    expect(result.libraryMet).toBe(true);
    expect(result.bothMet).toBe(true);
  });

  it("gives the same figures for the same seeds", () => {
    expect(evaluateLibraries(corpus, protocol)).toEqual(evaluateLibraries(corpus, protocol));
  });
});

describe("library simulation report", () => {
  const result: LibraryEvaluation = {
    protocol: { minPapers: 20, sizes: [3, 10], seeds: [1] },
    users: 54,
    papers: 2966,
    rows: [
      { size: 3, stated: 0.5, library: 0.3, both: 0.49 },
      { size: 10, stated: 0.4, library: 0.34, both: 0.41 },
    ],
    libraryShare: 0.85,
    libraryMet: true,
    bothMet: false,
  };

  it("prints one row per library size and says which target is not met, by how much", () => {
    const lines = formatLibraryEvaluation(result);
    expect(lines.find((line) => line.startsWith("10 papers"))).toMatch(/0\.4000 +0\.3400 +0\.4100 +0\.85/);
    expect(lines.at(-1)).toMatch(
      /\(0\.85×\) met; both ≥ stated \(−0\.0100 with 3, \+0\.0100 with 10\) NOT met/,
    );
  });
});
