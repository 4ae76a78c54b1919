import { PaperSketches } from "../../../src/core/search/paper-sketches.js";
import { describe, expect, it } from "vitest";
import { RowCounter } from "../../../src/core/search/count-rows.js";
import { cursorsFrom, fillPostings, planFill } from "../../../src/core/search/fill-postings.js";
import { InvertingWorker } from "../../../src/core/search/invert-in-worker.js";
import type { DocumentRows } from "../../../src/core/search/posting-lists.js";
import { rowNorms } from "../../../src/core/search/row-weights.js";
import { entryTerm } from "../../../src/core/search/term-entry.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

/** Two blocks of rows over the same vocabulary, in shared memory or not, and how many terms there are. */
function rows(shared: boolean): { blocks: DocumentRows[]; terms: number } {
  const papers = syntheticCorpus(300, 3);
  const vocabulary = new Vocabulary();
  const blocks = [0, 150].map((from) => {
    const counter = new RowCounter(3, vocabulary, 150, 600_000, shared);
    for (const paper of papers.slice(from, from + 150)) counter.count(paper);
    return counter.finish(from);
  });
  return { blocks, terms: vocabulary.size };
}

/** Every paper searchable but one: a paper replaced during the build gets no postings. */
function aliveOf(papers: number): Uint8Array {
  const alive = new Uint8Array(papers).fill(1);
  alive[7] = 0;
  return alive;
}

const termWeights = (terms: number) => new Float32Array(terms).map((_, term) => 1 + (term % 3));
const weigh = (term: number, count: number) => (1 + (term % 3)) * count;

/** Postings per term: every term the papers hold, except the rarest, which are left out. */
function postingCounts(blocks: DocumentRows[], terms: number, alive: Uint8Array): Int32Array {
  const counts = new Int32Array(terms);
  for (const { firstDoc, count, start, entries } of blocks) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      for (let p = start[row] as number; p < (start[row + 1] as number); p++) {
        const term = entryTerm(entries[p] as number);
        counts[term] = (counts[term] as number) + 1;
      }
    }
  }
  return counts.map((count, term) => (term % 5 === 0 ? 0 : count));
}

describe("InvertingWorker (a second thread inverting the later blocks of rows)", () => {
  it("writes norms, sketches and postings exactly where one thread would", async () => {
    const single = rows(false);
    const parallel = rows(true);
    const alive = aliveOf(300);
    const weights = termWeights(single.terms);
    const counts = postingCounts(single.blocks, single.terms, alive);

    const expectedNorms = new Float64Array(300);
    const expectedSketches = new PaperSketches();
    expectedSketches.reserve(300);
    rowNorms(single.blocks, 0, 2, weights, expectedNorms, expectedSketches.slots);
    const expected = planFill(single.blocks, counts, alive, false);
    fillPostings(expected, 0, 2, cursorsFrom(expected, 0));

    const helper = new InvertingWorker();
    const norms = new Float64Array(new SharedArrayBuffer(300 * 8));
    const sketches = new PaperSketches();
    sketches.reserve(300);
    const measured = helper.norms(parallel.blocks, 1, weights, norms, sketches.slots);
    rowNorms(parallel.blocks, 0, 1, weights, norms, sketches.slots);
    expect(await measured).toBe(true);
    const fill = planFill(parallel.blocks, counts, alive, true);
    const placed = helper.postings(fill, 1);
    fillPostings(fill, 0, 1, cursorsFrom(fill, 0));
    expect(await placed).toBe(true);

    expect(Array.from(norms)).toEqual(Array.from(expectedNorms));
    for (const doc of [0, 150, 299])
      expect(sketches.get(doc, weigh)).toEqual(expectedSketches.get(doc, weigh));
    expect(sketches.get(299, weigh).ids.length).toBeGreaterThan(0);
    expect(Array.from(fill.counts)).toEqual(Array.from(expected.counts));
    expect(Array.from(fill.docs)).toEqual(Array.from(expected.docs));
    expect(Array.from(fill.starts)).toEqual(Array.from(expected.starts));
    expect(Array.from(fill.docs)).not.toContain(7);
  });

  it("leaves every step to the caller once the worker is gone", async () => {
    const helper = new InvertingWorker();
    helper.stop();
    const { blocks, terms } = rows(true);
    const norms = new Float64Array(new SharedArrayBuffer(300 * 8));
    const sketches = new PaperSketches();
    sketches.reserve(300);
    expect(await helper.norms(blocks, 1, new Float32Array(terms), norms, sketches.slots)).toBe(false);
    const fill = planFill(blocks, postingCounts(blocks, terms, aliveOf(300)), aliveOf(300), true);
    expect(await helper.postings(fill, 1)).toBe(false);
  });
});
