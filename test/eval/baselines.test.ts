import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import {
  arxivSanityLiteAnalyzer,
  arxivSanityLiteRanker,
} from "../../scripts/eval/baselines/arxiv-sanity-lite.js";
import { bm25Terms, stemmedBm25Ranker } from "../../scripts/eval/baselines/bm25.js";
import { reportBaselines } from "../../scripts/eval/baselines/report.js";
import {
  defaultTokens,
  sklearnAnalyzer,
  stripAccentsUnicode,
} from "../../scripts/eval/baselines/sklearn-analyzer.js";
import { SKLEARN_DEFAULTS, sklearnDefaultsRanker } from "../../scripts/eval/baselines/sklearn-defaults.js";
import { InvertedIndex } from "../../scripts/eval/baselines/sparse.js";
import { type TfidfOptions, TfidfVectorizer } from "../../scripts/eval/baselines/tfidf-vectorizer.js";

const paper = (id: string, title: string, abstract = ""): Paper => ({
  id,
  title,
  abstract,
  authors: [],
  sources: [],
});

/** scikit-learn's user-guide example: counts (model, neural, graph) = (3,0,1) (2,0,0) (3,0,0) (4,0,0) (3,2,0) (3,0,2). */
const GUIDE_TEXTS = [
  "model model model graph",
  "model model",
  "model model model",
  "model model model model",
  "model model model neural neural",
  "model model model graph graph",
];

/** Sixty short papers: each topic word in six of them, "vision" and "speech" in thirty, the rest in one. */
const TOPICS = [
  "graph",
  "diffusion",
  "transformer",
  "bandit",
  "pruning",
  "contrastive",
  "federated",
  "quantization",
  "robustness",
  "meta",
];
const SIXTY = Array.from({ length: 60 }, (_, i) => {
  const topic = TOPICS[i % TOPICS.length] ?? "";
  const second = ["vision", "speech"][Math.floor(i / 30)] ?? "";
  return paper(`p${i}`, `${topic} ${second}`, `results on benchmark${i} and dataset${i}`);
});

const closeTo = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 6);

describe("scikit-learn TfidfVectorizer() defaults", () => {
  it("weighs the user-guide example with smoothed idf and l2 norm", () => {
    const { vectorizer } = TfidfVectorizer.fit(GUIDE_TEXTS, SKLEARN_DEFAULTS);
    // idf = ln((1 + n) / (1 + df)) + 1 with n = 6: model 1, graph ln(7/3) + 1, neural ln(7/2) + 1.
    const graphIdf = Math.log(7 / 3) + 1;
    const neuralIdf = Math.log(7 / 2) + 1;
    const first = vectorizer.weights(GUIDE_TEXTS[0] ?? "");
    const firstNorm = Math.hypot(3, graphIdf);
    closeTo(first.get("model"), 3 / firstNorm);
    closeTo(first.get("graph"), graphIdf / firstNorm);
    // The figures scikit-learn's guide prints for rows 1 and 5.
    expect(first.get("model")).toBeCloseTo(0.85151335, 6);
    expect(first.get("graph")).toBeCloseTo(0.52433293, 6);
    const fifth = vectorizer.weights(GUIDE_TEXTS[4] ?? "");
    closeTo(fifth.get("neural"), (2 * neuralIdf) / Math.hypot(3, 2 * neuralIdf));
    expect(fifth.get("neural")).toBeCloseTo(0.83236428, 6);
  });

  it("tokenizes like Python's (?u)\\b\\w\\w+\\b: Unicode letters and digits, no one-letter words", () => {
    expect(defaultTokens("a café, x² and naïve_bayes 3d")).toEqual([
      "café",
      "x²",
      "and",
      "naïve_bayes",
      "3d",
    ]);
    expect(SKLEARN_DEFAULTS.analyze("The GRAPH of Graphs")).toEqual(["the", "graph", "of", "graphs"]);
  });

  it("ranks by cosine: the document sharing the rarer term comes first", () => {
    const ranker = sklearnDefaultsRanker([
      paper("a", "graph models"),
      paper("b", "graph networks"),
      paper("c", "diffusion models"),
    ]);
    expect(ranker.rank("graph networks", 10).map((hit) => hit.id)).toEqual(["b", "a"]);
  });
});

describe("arxiv-sanity-lite settings", () => {
  it("strips accents with NFKD and drops only combining marks", () => {
    expect(stripAccentsUnicode("naïve résumé Ångström ﬁt")).toBe("naive resume Angstrom fit");
    // U+093F has combining class 0, so scikit-learn keeps it.
    expect(stripAccentsUnicode("कि")).toBe("कि");
  });

  it("keeps whole ASCII identifiers and forms bigrams after stop words leave", () => {
    expect(arxivSanityLiteAnalyzer("The Café of GRAPH neural networks, 3D x2 straße")).toEqual([
      "cafe",
      "graph",
      "neural",
      "networks",
      "x2",
      "cafe graph",
      "graph neural",
      "neural networks",
      "networks x2",
    ]);
  });

  it("drops terms outside [min_df, max_df] and keeps the max_features most frequent", () => {
    const texts = [
      "alpha beta gamma",
      "alpha beta",
      "alpha delta delta delta",
      "alpha delta epsilon zeta",
      "alpha zeta",
      "alpha zeta",
    ];
    const options: TfidfOptions = {
      analyze: sklearnAnalyzer({ stripAccents: false, tokenize: defaultTokens, maxN: 1 }),
      maxDfShare: 0.5,
      minDfCount: 2,
      sublinearTf: true,
    };
    const vocabulary = (extra: Partial<TfidfOptions>) => [
      ...TfidfVectorizer.fit(texts, { ...options, ...extra }).vectorizer.vocabulary.keys(),
    ];
    // alpha is in 6 of 6 (> 0.5), gamma and epsilon in 1 (< 2); zeta's 3 of 6 is exactly the limit.
    expect(vocabulary({})).toEqual(["beta", "delta", "zeta"]);
    // Corpus counts: delta 4, zeta 3, beta 2.
    expect(vocabulary({ maxFeatures: 2 })).toEqual(["delta", "zeta"]);
    expect(vocabulary({ maxFeatures: 1 })).toEqual(["delta"]);
  });

  it("uses 1 + ln(tf) when tf is sublinear", () => {
    const options: TfidfOptions = { ...SKLEARN_DEFAULTS, sublinearTf: true };
    const { vectorizer } = TfidfVectorizer.fit(GUIDE_TEXTS, options);
    const weights = vectorizer.weights(GUIDE_TEXTS[0] ?? "");
    const model = 1 + Math.log(3);
    const graph = Math.log(7 / 3) + 1;
    closeTo(weights.get("model"), model / Math.hypot(model, graph));
  });

  it("finds the papers carrying a topic word once the corpus is large enough for its df limits", () => {
    const ranker = arxivSanityLiteRanker(SIXTY);
    const hits = ranker.rank("bandit", 100).map((hit) => hit.id);
    expect(hits).toHaveLength(6);
    expect(hits.every((id) => Number(id.slice(1)) % TOPICS.length === 3)).toBe(true);
  });

  it("refuses a corpus too small for min_df 5 and max_df 0.1 with scikit-learn's message", () => {
    expect(() => arxivSanityLiteRanker(SIXTY.slice(0, 10))).toThrow(/max_df corresponds to < documents/);
  });
});

describe("stemmed BM25", () => {
  const corpus = [
    paper("d1", "Neural networks learn"),
    paper("d2", "Graph networks"),
    paper("d3", "The cats sleep"),
  ];

  it("lowercases, drops stop words and stems", () => {
    expect(bm25Terms("The Networks are Learning")).toEqual(["network", "learn"]);
  });

  it("scores one term by hand: idf · tf / (tf + k1 · (1 − b + b · dl / avgdl))", () => {
    const hits = stemmedBm25Ranker(corpus).rank("network", 10);
    // N = 3, df = 2; lengths after stop words 3, 2, 2, so avgdl = 7/3.
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const score = (dl: number) => (idf * 1) / (1 + 1.2 * (1 - 0.75 + (0.75 * dl) / (7 / 3)));
    expect(hits.map((hit) => hit.id)).toEqual(["d2", "d1"]);
    closeTo(hits[0]?.score, score(2));
    closeTo(hits[1]?.score, score(3));
  });
});

describe("inverted index", () => {
  it("scores by dot product, best first, equal scores in document order", () => {
    const index = new InvertedIndex([
      new Map([[0, 0.5]]),
      new Map([[1, 1]]),
      new Map([
        [0, 0.5],
        [2, 1],
      ]),
      new Map([[0, 0.8]]),
    ]);
    const query = new Map([
      [0, 1],
      [1, 0.2],
    ]);
    expect(index.rank(query, 10)).toEqual([
      { doc: 3, score: 0.8 },
      { doc: 0, score: 0.5 },
      { doc: 2, score: 0.5 },
      { doc: 1, score: 0.2 },
    ]);
    expect(index.rank(query, 2).map((hit) => hit.doc)).toEqual([3, 0]);
  });
});

describe("every baseline", () => {
  const builders = [sklearnDefaultsRanker, arxivSanityLiteRanker, stemmedBm25Ranker];

  it.each(builders.map((build) => [build.name, build] as const))(
    "%s returns nothing for unknown, stop-word-only or empty queries",
    (_name, build) => {
      const ranker = build(SIXTY);
      expect(ranker.rank("zebra quokka", 10)).toEqual([]);
      expect(ranker.rank("", 10)).toEqual([]);
      expect(ranker.rank("🙂 <b></b>", 10)).toEqual([]);
      expect(ranker.rank("graph", 0)).toEqual([]);
    },
  );

  it("reports a baseline that cannot be fitted and still measures the others", () => {
    const lines: string[] = [];
    const queries = [{ id: "q1", query: "graph", relevant: new Set(["p0"]) }];
    reportBaselines(SIXTY.slice(0, 10), [{ label: "keywords", queries }], (line) => lines.push(line));
    expect(lines.filter((line) => line.includes("nDCG@10=1.0000"))).toHaveLength(2);
    expect(lines.some((line) => /arxiv-sanity-lite.*not measured \(max_df/.test(line))).toBe(true);
  });
});

describe("npm run eval", () => {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const run = promisify(execFile);

  it("prints the baselines block unless --no-baselines is given", async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), "paperboy-eval-"));
    mkdirSync(path.join(data, "iclr2021-openreview"));
    const rows = SIXTY.map(
      (p, i) => `${p.id}\t${p.title}\thttp://x\t${TOPICS[i % TOPICS.length]}\t${p.abstract}`,
    );
    writeFileSync(
      path.join(data, "iclr2021-openreview", "paperlist.tsv"),
      ["paper_id\ttitle\tlink\tkeywords\tabstract", ...rows].join("\n"),
    );
    const eval_ = (...flags: string[]) =>
      run(process.execPath, [tsx, "scripts/eval.ts", "--data", data, ...flags]);
    const withBaselines = (await eval_()).stdout;
    expect(withBaselines).toMatch(/stemmed BM25.*\n +keywords +queries= +10 +nDCG@10=1\.0000/);
    expect((await eval_("--no-baselines")).stdout).not.toContain("baselines");
  });
});
