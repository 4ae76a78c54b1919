import { describe, expect, it } from "vitest";
import { runPaper } from "../../../src/cli/paper.js";
import { Corpus } from "../../../src/core/corpus/corpus.js";
import { parseHfDailyPapers } from "../../../src/sources/hf-daily-papers.js";
import { fixture } from "../helpers/fake-source-server.js";

function setUp() {
  const corpus = new Corpus();
  corpus.upsert(parseHfDailyPapers(JSON.parse(fixture("hf-daily-papers.sample.json"))));
  corpus.upsert([
    { id: "hf-seed-1", title: "A \u001b[2Jbundled paper", abstract: "", authors: [], sources: ["seed"] },
  ]);
  const lines: string[] = [];
  return { deps: { corpus, out: (line: string) => void lines.push(line) }, lines };
}

describe("paperboy paper", () => {
  it("prints a stored paper for a readable check", async () => {
    const { deps, lines } = setUp();

    expect(await runPaper(["2410.17243"], deps)).toBe(0);
    const text = lines.join("\n");
    expect(text).toMatch(
      /^Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss\n/,
    );
    expect(text).toMatch(/Zesen Cheng, Hang Zhang/);
    expect(text).toMatch(/id 2410\.17243 · published 2024-10-22 · 64 upvotes · from hf/);
    expect(text).toMatch(/https:\/\/arxiv\.org\/abs\/2410\.17243\n\nContrastive loss is a powerful approach/);
  });

  it("prints the whole record with --json", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["2410.16251", "--json"], deps)).toBe(0);
    expect(JSON.parse(lines.join("\n"))).toEqual(deps.corpus.get("2410.16251"));
  });

  it.each(["2410.18533v2", "https://arxiv.org/abs/2410.18533v1", "arXiv:2410.18533", " 2410.18533 "])(
    "finds a paper from %j",
    async (raw) => {
      const { deps, lines } = setUp();
      expect(await runPaper([raw], deps)).toBe(0);
      expect(lines[0]).toMatch(/^LOGO -- Long cOntext aliGnment/);
    },
  );

  it("finds a bundled paper by its own id and strips terminal control characters", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["hf-seed-1"], deps)).toBe(0);
    expect(lines[0]).toMatch(/^A \[2Jbundled paper\n/);
  });

  it("exits 1 for an id the corpus does not hold", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["2501.00001"], deps)).toBe(1);
    expect(lines).toEqual([
      'No paper "2501.00001" among the 4 stored papers. Give an arXiv id such as 2410.12345 ' +
        "(a version suffix or an arXiv URL also works), or run `paperboy ingest` first.",
    ]);
  });

  it("exits 1 for something that is no paper id", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["<script>"], deps)).toBe(1);
    expect(lines[0]).toMatch(/^"<script>" is not a paper id\. Give an arXiv id such as 2410\.12345/);
  });

  it.each([[[]], [["2410.17243", "2410.16251"]], [["--yaml", "2410.17243"]]])(
    "exits 2 with the usage for %j",
    async (args) => {
      const { deps, lines } = setUp();
      expect(await runPaper(args, deps)).toBe(2);
      expect(lines.join("\n")).toMatch(/Usage: paperboy paper <id> \[--json\]/);
    },
  );
});
