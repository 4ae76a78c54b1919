import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFolderCli } from "../helpers/data-folder-cli.js";
import { runFind } from "../../src/cli/find.js";
import { silentLogger } from "../../src/core/log.js";
import { openFileStore } from "../../src/storage/files/open-file-store.js";
import { paperReaderOf } from "../../src/core/corpus/paper-reader.js";
import type { Paper } from "../../src/core/paper.js";

const papers: Paper[] = [
  {
    id: "2501.00001",
    title: "Graph neural networks for molecules",
    abstract: "Message passing on molecular graphs.",
    authors: [],
    sources: ["arxiv"],
  },
  {
    id: "2501.00002",
    title: "Diffusion models for images",
    abstract: "Denoising diffusion generates images.",
    authors: [],
    sources: ["arxiv"],
  },
  {
    id: "2501.00003",
    title: "Few-shot learning with prototypes",
    abstract: "Prototypical networks classify from few examples.",
    authors: [],
    sources: ["arxiv"],
  },
];

async function find(args: string[], corpus: Paper[] = papers) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFind(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    withDefaultPapers: (use) => use(paperReaderOf(corpus)),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-find-"));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};

describe("paperboy find", () => {
  it("prints rank, score, title, id and matched terms", async () => {
    const { code, out } = await find(["few shot learning"]);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^ 1\. \d\.\d{3} {2}Few-shot learning with prototypes\n {4}2501\.00003 {2}matched: .*few/,
    );
  });

  it("--json prints exactly id, title, score and matched", async () => {
    const { code, out } = await find(["diffusion", "--json", "--limit", "1"]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {})).toEqual(["id", "title", "score", "matched"]);
    expect(rows[0]?.id).toBe("2501.00002");
  });

  it("says so when nothing matches, and explains a query with no searchable words", async () => {
    expect((await find(["quantum chromodynamics"])).out).toMatch(/No papers match/);
    const stop = await find(["the of and"]);
    expect(stop.code).toBe(0);
    expect(stop.out).toMatch(/no searchable words/);
    expect((await find(["🚀", "--json"])).out).toBe("[]");
  });

  it.each([
    [["--limit", "0", "graphs"], /--limit must be a whole number from 1 to 100/],
    [["--limit", "abc", "graphs"], /--limit must be a whole number/],
    [["--limit", "5.5", "graphs"], /--limit must be a whole number/],
    [["--bogus", "graphs"], /Unknown option/],
    [[], /Give a query/],
    [[""], /Give a query/],
    [[" ", "\t"], /Give a query/],
  ])("refuses %j with exit 2 and the valid form", async (args, message) => {
    const { code, err } = await find(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toMatch(/Usage: paperboy find/);
  });

  it("searches a --corpus given as TSV, JSON or a HF papers page", async () => {
    const tsv = file(
      "c.tsv",
      "x1\tSparse attention\tLong context with sparse attention.\nx2\tRobot grasping\tGrasp planning.\n",
    );
    expect(JSON.parse((await find(["sparse attention", "--json", "--corpus", tsv])).out)[0].id).toBe("x1");
    const json = file(
      "c.json",
      JSON.stringify([{ id: "j1", title: "Speech recognition", abstract: "ASR models." }]),
    );
    expect(JSON.parse((await find(["speech", "--json", "--corpus", json])).out)[0].id).toBe("j1");
    const page = file("p.txt", "h1\nh2\nSubscribeProtein folding at scale\nWe fold proteins.\n");
    expect((await find(["protein", "--corpus", page])).out).toMatch(/Protein folding at scale/);
  });

  it("exits 1 with a clear message for a missing or malformed corpus file", async () => {
    const missing = await find(["x", "--corpus", path.join(dir, "nope.tsv")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read the corpus/);
    const bad = await find(["x", "--corpus", file("bad.tsv", "only-one-column\n")]);
    expect(bad.err).toMatch(/line 1 is not id<TAB>title<TAB>abstract/);
    const wrongType = await find(["x", "--corpus", file("c.csv", "a,b")]);
    expect(wrongType.err).toMatch(/use \.tsv, \.json or \.txt/);
    expect((await find(["x", "--corpus", file("o.json", "{}")])).err).toMatch(/array of papers/);
  });

  it("strips terminal control characters from titles", async () => {
    const hostile: Paper[] = [
      { id: "h", title: "Evil \u001b[2Jtitle about graphs", abstract: "graphs", authors: [], sources: [] },
    ];
    expect((await find(["graphs"], hostile)).out).not.toContain("\u001b");
  });
});

describe("paperboy find through the CLI", () => {
  const { dir, cli } = dataFolderCli();

  it("searches the data folder's papers, read a page at a time, and says how many it searched", async () => {
    const store = await openFileStore(dir(), { log: silentLogger });
    await store.papers.put(papers);
    await store.close();
    const found = await cli(["find", "prototypes few-shot"]);
    expect(found.code).toBe(0);
    expect(found.out.split("\n")[0]).toMatch(/^ 1\. \d\.\d{3} {2}Few-shot learning with prototypes$/);
    const none = await cli(["find", "quantum chromodynamics"]);
    expect(none.out).toBe(`No papers match “quantum chromodynamics” among ${papers.length} papers.`);
  });
});
