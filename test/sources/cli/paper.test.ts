import { describe, expect, it } from "vitest";
import { dataFolderCli } from "../../helpers/data-folder-cli.js";
import { runPaper } from "../../../src/cli/paper.js";
import { loadBundledPapers } from "../../../src/app/bundled-corpus.js";
import { silentLogger } from "../../../src/core/log.js";
import { openFileStore } from "../../../src/storage/files/open-file-store.js";
import { Corpus } from "../../../src/core/corpus/corpus.js";
import { paperReaderOf } from "../../../src/core/corpus/paper-reader.js";
import { parseHfDailyPapers } from "../../../src/sources/hf-daily-papers.js";
import { fixture } from "../helpers/fake-source-server.js";

function setUp() {
  const corpus = new Corpus();
  corpus.upsert(parseHfDailyPapers(JSON.parse(fixture("hf-daily-papers.sample.json"))));
  corpus.upsert([
    { id: "hf-seed-1", title: "A \u001b[2Jbundled paper", abstract: "", authors: [], sources: ["seed"] },
    { id: "hf-1a2b3c4d", title: "A seeded paper", abstract: "", authors: [], sources: ["seed"] },
  ]);
  const lines: string[] = [];
  const errors: string[] = [];
  const deps = {
    corpus,
    papers: paperReaderOf(corpus.all()),
    out: (line: string) => void lines.push(line),
    err: (line: string) => void errors.push(line),
  };
  return { deps, lines, errors };
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

  it("keeps standard output empty with --json when the paper is unknown", async () => {
    const { deps, lines, errors } = setUp();
    expect(await runPaper(["2501.00001", "--json"], deps)).toBe(1);
    expect(lines).toEqual([]);
    expect(errors[0]).toMatch(/^No paper "2501\.00001"/);
  });

  it.each([
    "2410.18533v2",
    "https://arxiv.org/abs/2410.18533v1",
    "arXiv:2410.18533",
    " 2410.18533 ",
    "https://huggingface.co/papers/2410.18533",
    "<https://arxiv.org/pdf/2410.18533v2>",
  ])("finds a paper from %j", async (raw) => {
    const { deps, lines } = setUp();
    expect(await runPaper([raw], deps)).toBe(0);
    expect(lines[0]).toMatch(/^LOGO -- Long cOntext aliGnment/);
  });

  it("finds a bundled paper by its own id and strips terminal escape sequences", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["hf-seed-1"], deps)).toBe(0);
    expect(lines[0]).toMatch(/^A bundled paper\n/);
  });

  it("finds a seeded paper by its id in any case", async () => {
    const { deps, lines } = setUp();
    expect(await runPaper(["HF-1A2B3C4D"], deps)).toBe(0);
    expect(lines[0]).toMatch(/^A seeded paper\n/);
  });

  it("exits 1 for an id the corpus does not hold", async () => {
    const { deps, lines, errors } = setUp();
    expect(await runPaper(["2501.00001"], deps)).toBe(1);
    expect(errors).toEqual([
      'No paper "2501.00001" among the 5 stored papers. Give an arXiv id such as 2410.12345 ' +
        "(a version suffix, an arXiv or Hugging Face link also works), or run `paperboy ingest` first.",
    ]);
    expect(lines).toEqual([]);
  });

  it("exits 1 for something that is no paper id", async () => {
    const { deps, lines, errors } = setUp();
    expect(await runPaper(["<script>"], deps)).toBe(1);
    expect(lines).toEqual([]);
    expect(errors[0]).toMatch(/^"<script>" is not a paper id\. Give an arXiv id such as 2410\.12345/);
  });

  it.each([[[]], [["2410.17243", "2410.16251"]], [["--yaml", "2410.17243"]]])(
    "exits 2 with the usage on standard error for %j",
    async (args) => {
      const { deps, lines, errors } = setUp();
      expect(await runPaper(args, deps)).toBe(2);
      expect(lines).toEqual([]);
      expect(errors.join("\n")).toMatch(/Usage: paperboy paper <id> \[--json\]/);
    },
  );
});

describe("paperboy paper through the CLI", () => {
  const { dir, cli } = dataFolderCli();

  it("prints a paper of the data folder, and counts its papers when the id is unknown", async () => {
    const store = await openFileStore(dir(), { log: silentLogger });
    await store.papers.put(parseHfDailyPapers(JSON.parse(fixture("hf-daily-papers.sample.json"))));
    await store.close();
    const found = await cli(["paper", "arXiv:2410.17243v2"]);
    expect(found.code).toBe(0);
    expect(found.out).toMatch(/^Breaking the Memory Barrier/);
    const unknown = await cli(["paper", "2501.00001"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No paper "2501\.00001" among the 3 stored papers/);
  });

  it("reads the bundled demo corpus while the data folder holds no papers", async () => {
    const [first] = await loadBundledPapers();
    const shown = await cli(["paper", first?.id ?? ""]);
    expect(shown.code).toBe(0);
    expect(shown.out.split("\n")[0]).toBe(first?.title);
    const unknown = await cli(["paper", "--json", "2501.00001"]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe("");
  });
});
