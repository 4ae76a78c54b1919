import { PaperSketches } from "../../../src/core/search/paper-sketches.js";
import { describe, expect, it } from "vitest";
import { RowCounter } from "../../../src/core/search/count-rows.js";
import { InvertingWorker } from "../../../src/core/search/invert-in-worker.js";
import { invertRows, type RowInversion } from "../../../src/core/search/invert-rows.js";
import type { DocumentRows } from "../../../src/core/search/posting-lists.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

/** Two blocks of rows over the same vocabulary, and how many terms there are. */
function rows(): { blocks: DocumentRows[]; terms: number } {
  const papers = syntheticCorpus(300, 3);
  const vocabulary = new Vocabulary();
  const blocks = [0, 150].map((from) => {
    // In shared memory, as the rows an inverting worker is given are.
    const counter = new RowCounter(3, vocabulary, 150, 600_000, true);
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

/** Every term is posted but every fifth, which is left out (as the rarest are). */
const posted = (terms: number) => new Int32Array(terms).map((_, term) => (term % 5 === 0 ? 0 : 1));

/** An inversion of the rows into fresh norms and sketches (shared memory, as a worker writes them). */
function inversion({ blocks, terms }: { blocks: DocumentRows[]; terms: number }): RowInversion {
  const alive = aliveOf(300);
  const sketches = new PaperSketches();
  sketches.reserve(300);
  return {
    blocks,
    termWeights: termWeights(terms),
    norms: new Float64Array(new SharedArrayBuffer(300 * 8)),
    sketches: sketches.slots,
    posted: posted(terms),
    alive,
  };
}

describe("InvertingWorker (a second thread inverting a share of the rows)", () => {
  it("writes norms, sketches and postings exactly as this thread would", async () => {
    const expected = inversion(rows());
    const expectedBlock = invertRows(expected);
    const helped = inversion(rows());
    const block = await new InvertingWorker().invert(helped);

    expect(Array.from(helped.norms)).toEqual(Array.from(expected.norms));
    expect(Array.from(helped.sketches.entries)).toEqual(Array.from(expected.sketches.entries));
    expect(Array.from(helped.sketches.lengths)).toEqual(Array.from(expected.sketches.lengths));
    expect(helped.sketches.lengths[299]).toBeGreaterThan(0);
    expect(block).toBeDefined();
    expect(Array.from(block?.starts ?? [])).toEqual(Array.from(expectedBlock.starts));
    expect(Array.from(block?.docs ?? [])).toEqual(Array.from(expectedBlock.docs));
    expect(Array.from(block?.counts ?? [])).toEqual(Array.from(expectedBlock.counts));
    expect(Array.from(expectedBlock.docs)).not.toContain(7);
    // Term 0 is left out, term 1 posted (one range: a term's postings run from its start to the next's).
    expect(expectedBlock.starts[1]).toBe(expectedBlock.starts[0]);
    expect(expectedBlock.starts[2]).toBeGreaterThan(expectedBlock.starts[1] as number);
  });

  it("answers nothing once the worker is gone, and leaves the rows for this thread to invert", async () => {
    const expectedBlock = invertRows(inversion(rows()));
    const helper = new InvertingWorker();
    helper.stop();
    const orphaned = inversion(rows());
    expect(await helper.invert(orphaned)).toBeUndefined();
    const block = invertRows(orphaned);
    expect(Array.from(block.docs)).toEqual(Array.from(expectedBlock.docs));
    expect(Array.from(block.starts)).toEqual(Array.from(expectedBlock.starts));
  });
});
