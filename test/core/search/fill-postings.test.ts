import { describe, expect, it } from "vitest";
import { RowCounter } from "../../../src/core/search/count-rows.js";
import { FillingWorker } from "../../../src/core/search/fill-in-worker.js";
import { cursorsFrom, fillDocs, fillWeights, planFill } from "../../../src/core/search/fill-postings.js";
import type { DocumentRows } from "../../../src/core/search/posting-lists.js";
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

function weighting(papers: number): { alive: Uint8Array; docScales: Float32Array } {
  const alive = new Uint8Array(papers).fill(1);
  alive[7] = 0; // a paper replaced during the build gets no postings
  return { alive, docScales: new Float32Array(papers).map((_, doc) => 1 / (1 + doc)) };
}

/** Postings per term: every term the papers hold, except the rarest, which are left out. */
function postingCounts(blocks: DocumentRows[], terms: number, alive: Uint8Array): Int32Array {
  const counts = new Int32Array(terms);
  for (const { firstDoc, count, start, terms: ids } of blocks) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      for (let p = start[row] as number; p < (start[row + 1] as number); p++) {
        const term = ids[p] as number;
        counts[term] = (counts[term] as number) + 1;
      }
    }
  }
  return counts.map((count, term) => (term % 5 === 0 ? 0 : count));
}

describe("posting lists written by two threads", () => {
  it("a worker writes the later blocks' postings exactly where one thread would", async () => {
    const single = rows(false);
    const parallel = rows(true);
    const { alive, docScales } = weighting(300);
    const counts = postingCounts(single.blocks, single.terms, alive);

    const expected = planFill(single.blocks, counts, { alive, docScales }, false);
    fillWeights(expected, 0, 2, cursorsFrom(expected, 0));
    fillDocs(expected, 0, 2, cursorsFrom(expected, 0));

    const fill = planFill(parallel.blocks, counts, { alive, docScales }, true);
    const helper = new FillingWorker(fill, 1);
    fillWeights(fill, 0, 1, cursorsFrom(fill, 0));
    expect(await helper.weightsWritten).toBe(true);
    helper.writeDocs();
    fillDocs(fill, 0, 1, cursorsFrom(fill, 0));
    expect(await helper.docsWritten).toBe(true);

    expect(Array.from(fill.weights)).toEqual(Array.from(expected.weights));
    expect(Array.from(fill.docs)).toEqual(Array.from(expected.docs));
    expect(Array.from(fill.docs)).not.toContain(7);
  });
});
