import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPicks } from "../../src/cli/picks.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { allPapers, NOW } from "../core/commands/harness.js";

const papers = allPapers();
const stored = {
  index: TfIdfIndex.build(papers),
  get: async (ids: readonly string[]) => papers.filter((paper) => ids.includes(paper.id)),
  since: async (since: Date) =>
    papers.filter((paper) => !paper.publishedAt || Date.parse(paper.publishedAt) >= since.getTime()),
};

async function picks(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPicks(args, {
    withDefaultIndex: (use) => use(stored),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => NOW,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("paperboy picks", () => {
  it("prints picks as JSON with id, title, score, matched interest and terms", async () => {
    const { code, out } = await picks([
      "--interests",
      "graph neural networks; language models",
      "--limit",
      "3",
      "--json",
    ]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.length).toBeLessThanOrEqual(3);
    expect(Object.keys(parsed[0] ?? {})).toEqual([
      "id",
      "title",
      "score",
      "because",
      "detail",
      "interest",
      "terms",
    ]);
    expect(parsed[0]?.because).toBe("interest");
    expect(["graph neural networks", "language models"]).toContain(parsed[0]?.interest);
    expect(parsed[0]?.detail).toBe(parsed[0]?.interest);
  });

  it("prints readable picks by default", async () => {
    const { code, out } = await picks(["--interests", "graph neural networks"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^1\. Graph neural networks for traffic forecasting/);
    expect(out).toContain("matches your interest “graph neural networks”");
  });

  it.each([
    [[], /at least one interest/],
    [["--interests", " ; "], /at least one interest/],
    [["--interests", "rl", "--limit", "11"], /--limit is a whole number from 1 to 10/],
    [["--interests", "rl", "--limit", "two"], /--limit/],
    [["--interests", "rl", "--colour"], /Unknown option/],
    [["--interests", "x".repeat(201)], /200 characters/],
  ])("refuses %j with usage and exit code 2", async (args, message) => {
    const { code, err } = await picks(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain("Usage: paperboy picks --interests");
  });

  it.each([["--help"], ["--interests", "rl", "-h"]])("%j prints the usage and exits 0", async (...args) => {
    const { code, out, err } = await picks(args);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: paperboy picks --interests/);
    expect(err).toBe("");
  });

  it("takes --follow, --mute and --categories, and says why each pick was made", async () => {
    const { code, out } = await picks([
      "--interests",
      "graph neural networks",
      "--follow",
      "A. Turing",
      "--mute",
      "traffic",
      "--categories",
      "cs.LG,cs.CL",
      "--days",
      "90",
      "--json",
    ]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(parsed.map((pick) => pick.id)).toEqual(["2410.54321"]);
    expect(parsed[0]).toMatchObject({ because: "author", detail: "A. Turing" });
  });

  it("answers bad filters in the CLI's own terms, exit code 2", async () => {
    const unknown = await picks(["--interests", "rl", "--categories", "cs.XY"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^--categories: .*cs\.XY/);
    const empty = await picks(["--interests", "rl", "--mute", "!!!"]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^--mute: /);
    expect(empty.err).not.toMatch(/ \/mute /);
  });

  it("ranks by a --library file over a --corpus file, and names the imported paper", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "paperboy-picks-"));
    try {
      const corpus = path.join(dir, "corpus.tsv");
      writeFileSync(
        corpus,
        [
          "2301.00001\tProtein structure prediction\tDeep learning predicts protein folding and structure.",
          "2301.00002\tProtein folding at scale\tProtein structure and folding for millions of sequences.",
          "2301.00003\tImage segmentation\tA segmentation network for images.",
        ].join("\n"),
      );
      const library = path.join(dir, "refs.txt");
      writeFileSync(library, "https://arxiv.org/abs/2301.00001\n");
      const { code, out, err } = await picks([
        "--library",
        library,
        "--corpus",
        corpus,
        "--days",
        "3650",
        "--json",
      ]);
      expect(err).toBe("");
      expect(code).toBe(0);
      const parsed = JSON.parse(out) as Array<Record<string, unknown>>;
      expect(parsed.map((pick) => pick.id)).toEqual(["2301.00002"]);
      expect(parsed[0]).toMatchObject({ because: "library", detail: "Protein structure prediction" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("explains an unreadable --library or --corpus, exit code 1", async () => {
    const missing = await picks(["--library", "/nonexistent/refs.bib"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^--library: cannot read \/nonexistent\/refs\.bib/);
    const badCorpus = await picks(["--interests", "rl", "--corpus", "/nonexistent/c.tsv"]);
    expect(badCorpus.code).toBe(1);
    expect(badCorpus.err).toMatch(/^Cannot read the corpus/);
  });
});
