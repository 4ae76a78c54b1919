import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parseHfPapersPage } from "../../../src/core/corpus/hf-page.js";
import type { Paper } from "../../../src/core/paper.js";
import { CountingWorker } from "../../../src/core/search/count-in-worker.js";
import type { CountedShare } from "../../../src/core/search/count-job.js";
import { countRows, textLength } from "../../../src/core/search/count-rows.js";
import { type PaperPages, pagesOf } from "../../../src/core/search/count-pages.js";
import { entryCount, entryTerm } from "../../../src/core/search/term-entry.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

const seed = parseHfPapersPage(
  readFileSync(new URL("../../../data/hf-papers-page.txt", import.meta.url), "utf8"),
);
const QUERIES = [
  "few-shot learning",
  "I am interested in graph neural networks",
  "diffusion models for video generation",
  "reinforcement learning from human feedback",
  "Ünïcödé <b>tokenizer</b> naïve café",
  "large language model reasoning",
];

/** Everything a user sees of a search: ids, scores, matched words, totals. */
function answers(index: TfIdfIndex): unknown[] {
  return QUERIES.map((query) => {
    const outcome = index.search(query, { limit: 20 });
    return {
      total: outcome.total,
      results: outcome.results.map((r) => [r.id, r.score, r.matched]),
    };
  });
}

describe("TfIdfIndex.buildAsync (some pages counted on a worker thread)", () => {
  it("answers the seed corpus exactly as the single-thread build", async () => {
    const parallel = await TfIdfIndex.buildAsync(seed, undefined, 2);
    const single = TfIdfIndex.build(seed);
    expect(parallel.size).toBe(seed.length);
    expect(answers(parallel)).toEqual(answers(single));
    const id = seed[7]?.id ?? "";
    expect(parallel.sketchOf(id)).toEqual(single.sketchOf(id));
  });

  it("answers a few thousand synthetic papers, some non-ASCII, exactly as the single-thread build", async () => {
    const papers: Paper[] = syntheticCorpus(3000, 11).map((paper, i) =>
      i % 7 === 0 ? { ...paper, abstract: `${paper.abstract} Ünïcödé naïve café <i>tokenizer</i>.` } : paper,
    );
    const parallel = await TfIdfIndex.buildAsync(papers, undefined, 2);
    const single = TfIdfIndex.build(papers);
    expect(answers(parallel)).toEqual(answers(single));
    expect(answers(single).some((answer) => (answer as { total: number }).total > 0)).toBe(true);
    // Every term, those first met on the worker's pages included.
    const ids = Array.from({ length: 200_000 }, (_, i) => i);
    expect(single.labels(ids).filter((label) => label !== "").length).toBeGreaterThan(20_000);
    expect(parallel.labels(ids)).toEqual(single.labels(ids));
  });

  it("keeps the last of papers sharing an id, and accepts additions after the build", async () => {
    const papers = syntheticCorpus(400, 5);
    const replaced = { ...(papers[10] as Paper), id: papers[300]?.id ?? "", title: "Quantum sheep herding" };
    const parallel = await TfIdfIndex.buildAsync([...papers, replaced], undefined, 2);
    const single = TfIdfIndex.build([...papers, replaced]);
    expect(parallel.size).toBe(400);
    expect(parallel.search("quantum sheep herding").results[0]?.id).toBe(replaced.id);
    const extra: Paper = {
      id: "extra-1",
      title: "Sheep herding robots",
      abstract: "Robots herd sheep.",
      authors: [],
      sources: [],
    };
    parallel.add([extra]);
    single.add([extra]);
    expect(answers(parallel)).toEqual(answers(single));
    expect(parallel.search("sheep herding").results[0]?.id).toBe(
      single.search("sheep herding").results[0]?.id,
    );
  });

  it("answers papers with titles only (rows outgrowing the room made for them) as the single-thread build", async () => {
    const papers = syntheticCorpus(3000, 13).map((paper) => ({ ...paper, abstract: "" }));
    const parallel = await TfIdfIndex.buildAsync(papers, undefined, 2);
    const single = TfIdfIndex.build(papers);
    expect(answers(parallel)).toEqual(answers(single));
    expect(answers(single).some((answer) => (answer as { total: number }).total > 0)).toBe(true);
  });

  it("builds small corpora at once and an empty one too", async () => {
    expect((await TfIdfIndex.buildAsync([])).size).toBe(0);
    expect((await TfIdfIndex.buildAsync(seed)).search("few-shot").results.length).toBeGreaterThan(0);
  });
});

describe("TfIdfIndex.buildFrom (papers read a page at a time)", () => {
  const papers = syntheticCorpus(2500, 17);
  const pages = (expected: number, size: number): PaperPages => ({
    expected,
    async *read() {
      yield [];
      for (let from = 0; from < papers.length; from += size) yield papers.slice(from, from + size);
    },
  });

  it.each([
    ["as many as expected", 2500, 300],
    ["more than expected (rows outgrow their room)", 400, 250],
    ["fewer than expected", 20_000, 700],
  ])("answers as the single-thread build when %s come", async (_name, expected, size) => {
    const streamed = await TfIdfIndex.buildFrom(pages(expected, size), undefined, 2);
    const single = TfIdfIndex.build(papers);
    expect(streamed.size).toBe(papers.length);
    expect(answers(streamed)).toEqual(answers(single));
    const id = papers[1234]?.id ?? "";
    expect(streamed.sketchOf(id)).toEqual(single.sketchOf(id));
  });

  it("answers as the single-thread build on this thread alone, every page freed as it is inverted", async () => {
    const onOneThread = await TfIdfIndex.buildFrom(pages(2500, 300));
    const single = TfIdfIndex.build(papers);
    expect(answers(onOneThread)).toEqual(answers(single));
    const id = papers[1234]?.id ?? "";
    expect(onOneThread.sketchOf(id)).toEqual(single.sketchOf(id));
  });

  it.each([
    ["on this thread alone", Number.POSITIVE_INFINITY],
    ["on two threads", 2],
  ])(
    "answers as the single-thread build when later pages replace earlier papers, %s",
    async (_name, minPapers) => {
      // Their first rows, on pages this thread counts too, are no longer searchable and leave the terms' counts.
      const replacing = Array.from({ length: 30 }, (_, k) => ({
        ...(papers[k * 40 + 3] as Paper),
        title: `Quantum sheep ${k}`,
      }));
      const all = [...papers, ...replacing];
      const streamed = await TfIdfIndex.buildFrom(pagesOf(all, 200), undefined, minPapers);
      const single = TfIdfIndex.build(all);
      expect(streamed.size).toBe(papers.length);
      expect(answers(streamed)).toEqual(answers(single));
      const replaced = new Set(replacing.map((paper) => paper.id));
      const top = streamed.search("quantum sheep", { limit: 30 }).results.map((hit) => hit.id);
      expect(top.filter((id) => replaced.has(id))).toHaveLength(30);
    },
  );

  it("builds an empty index from no pages", async () => {
    const empty = await TfIdfIndex.buildFrom({ expected: 0, read: async function* () {} });
    expect(empty.size).toBe(0);
    expect(empty.search("graph").results).toEqual([]);
  });
});

/** A worker's counted entries, its blocks' in order. */
function entriesOf(share: CountedShare): number[] {
  return share.blocks.flatMap((rows) => Array.from(rows.entries));
}

describe("CountingWorker", () => {
  it("counts papers sent in batches on its own thread, a block per batch, into the rows this thread would count", async () => {
    const chars = textLength(seed, 0, seed.length);
    const worker = new CountingWorker({ titleWeight: 3, papers: seed.length, chars });
    await worker.send(seed, 0, 50);
    await worker.send(seed, 50, seed.length);
    worker.end();
    const share = await worker.result;
    worker.stop();
    const vocabulary = new Vocabulary();
    const here = countRows(seed, 0, seed.length, 3, vocabulary);
    expect(share.blocks.map((rows) => rows.count)).toEqual([50, seed.length - 50]);
    expect(entriesOf(share)).toEqual(Array.from(here.entries));
    expect(Array.from(share.frequencies.subarray(0, vocabulary.size))).toEqual(
      Array.from(here.frequencies.subarray(0, vocabulary.size)),
    );
    expect(share.vocabulary.labels).toEqual(vocabulary.toPart().labels);
  });

  it("takes batch after batch, a few in flight at a time, and counts them all in order", async () => {
    const worker = new CountingWorker({ titleWeight: 3, papers: seed.length, chars: 1000 });
    expect(worker.accepts).toBe(true);
    void worker.send(seed, 0, 5);
    void worker.send(seed, 5, 10);
    expect(worker.accepts).toBe(false);
    for (let from = 10; from < seed.length; from += 5)
      await worker.send(seed, from, Math.min(seed.length, from + 5));
    await vi.waitFor(() => expect(worker.accepts).toBe(true));
    worker.end();
    const share = await worker.result;
    worker.stop();
    const here = countRows(seed, 0, seed.length, 3, new Vocabulary());
    expect(entriesOf(share)).toEqual(Array.from(here.entries));
  });

  it("rewrites its rows in new term ids, in the shared memory this thread reads them from, then exits", async () => {
    const worker = new CountingWorker({ titleWeight: 3, papers: seed.length, chars: 1000 });
    await worker.send(seed, 0, seed.length);
    worker.end();
    const share = await worker.result;
    const counted = entriesOf(share);
    const terms = share.vocabulary.count;
    const ids = Int32Array.from({ length: terms }, (_, term) => terms - 1 - term);
    expect(await worker.renumber({ entries: share.blocks.map((rows) => rows.entries), ids })).toBe(true);
    await worker.exited;
    expect(entriesOf(share).map(entryTerm)).toEqual(counted.map((entry) => ids[entryTerm(entry)]));
    expect(entriesOf(share).map(entryCount)).toEqual(counted.map(entryCount));
  });

  it("does not keep a sender waiting once the worker is gone", async () => {
    const worker = new CountingWorker({ titleWeight: 3, papers: seed.length, chars: 1000 });
    worker.stop();
    for (let from = 0; from < 50; from += 5) await worker.send(seed, from, from + 5);
    await expect(worker.result).rejects.toThrow();
    expect(await worker.renumber({ entries: [], ids: new Int32Array(0) })).toBe(false);
  });
});

describe("Vocabulary.absorb", () => {
  it("gives the terms of later papers the ids counting all papers in one go gives them", () => {
    const whole = new Vocabulary();
    countRows(seed, 0, seed.length, 3, whole);
    const first = new Vocabulary();
    countRows(seed, 0, 60, 3, first);
    const second = new Vocabulary();
    const rows = countRows(seed, 60, seed.length, 3, second);
    const ids = first.absorb(second.toPart());
    expect(first.size).toBe(whole.size);
    const all = Array.from({ length: whole.size }, (_, i) => i);
    expect(all.map((id) => first.label(id))).toEqual(all.map((id) => whole.label(id)));
    const wholeRows = countRows(seed, 60, seed.length, 3, whole);
    const terms = (entries: Uint32Array) => Array.from(entries, entryTerm);
    expect(terms(rows.entries).map((term) => ids[term])).toEqual(terms(wholeRows.entries));
    expect(first.wordId("networks", false)).toBe(whole.wordId("networks", false));
  });
});
