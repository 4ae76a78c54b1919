import { describe, expect, it } from "vitest";
import { RowCounter } from "../../../src/core/search/count-rows.js";
import { invertRows, type RowInversion } from "../../../src/core/search/invert-rows.js";
import { PaperSketches } from "../../../src/core/search/paper-sketches.js";
import type { DocumentRows } from "../../../src/core/search/posting-lists.js";
import { shareOut } from "../../../src/core/search/share-out-rows.js";
import { withFrequencies } from "../../../src/core/search/term-order.js";
import { entryTerm } from "../../../src/core/search/term-entry.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

const PAPERS = 400;
const PAGE = 50;
const ALL_ALIVE = new Uint8Array(PAPERS).fill(1);

const isShared = (rows: DocumentRows) => rows.entries.buffer instanceof SharedArrayBuffer;

/** Per term, how many of the searchable rows of `blocks` hold it, where `posted` is not 0: read off every row. */
function postingsOf(blocks: readonly DocumentRows[], posted: Int32Array, alive: Uint8Array): number[] {
  const counts = new Array<number>(posted.length).fill(0);
  for (const { firstDoc, count, start, entries } of blocks) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      for (let p = start[row] as number; p < (start[row + 1] as number); p++) {
        const term = entryTerm(entries[p] as number);
        if (posted[term] !== 0) counts[term] = (counts[term] as number) + 1;
      }
    }
  }
  return counts;
}

/** The papers counted a page at a time, the pages listed in `sharedPages` in shared memory. */
function blocksOf(sharedPages: ReadonlySet<number> = new Set()): { blocks: DocumentRows[]; terms: number } {
  const papers = syntheticCorpus(PAPERS, 5);
  const vocabulary = new Vocabulary();
  const own = new RowCounter(3, vocabulary, PAPERS, 40_000);
  const shared = new RowCounter(3, vocabulary, PAPERS, 400_000, true);
  const blocks: DocumentRows[] = [];
  for (let first = 0; first < PAPERS; first += PAGE) {
    const counter = sharedPages.has(first / PAGE) ? shared : own;
    for (const paper of papers.slice(first, first + PAGE)) counter.count(paper);
    blocks.push(counter.cut(first));
  }
  // As countPages leaves them: the first block of each counter's carries its frequencies.
  withFrequencies(blocks.filter(isShared), shared.frequencies);
  withFrequencies(
    blocks.filter((rows) => !isShared(rows)),
    own.frequencies,
  );
  return { blocks, terms: vocabulary.size };
}

/** Every term's postings among all the blocks' rows, all searchable. */
function postedIn({ blocks, terms }: { blocks: DocumentRows[]; terms: number }): Int32Array {
  return Int32Array.from(postingsOf(blocks, new Int32Array(terms).fill(1), ALL_ALIVE));
}

function inversion({ blocks, terms }: { blocks: DocumentRows[]; terms: number }): RowInversion {
  const sketches = new PaperSketches();
  sketches.reserve(PAPERS);
  return {
    blocks,
    termWeights: new Float32Array(terms).fill(1.5),
    norms: new Float64Array(PAPERS),
    sketches: sketches.slots,
    posted: new Int32Array(terms).fill(1),
    alive: new Uint8Array(PAPERS).fill(1),
  };
}

describe("Rows of their own", () => {
  it("are freed as they are inverted, the postings, norms and sketches the same as when kept", () => {
    const kept = inversion(blocksOf(new Set([2, 5])));
    const expected = invertRows(kept);
    const freed = inversion(blocksOf(new Set([2, 5])));
    const block = invertRows({ ...freed, release: true });

    expect(Array.from(block.docs)).toEqual(Array.from(expected.docs));
    expect(Array.from(block.counts)).toEqual(Array.from(expected.counts));
    expect(Array.from(block.starts)).toEqual(Array.from(expected.starts));
    expect(Array.from(freed.norms)).toEqual(Array.from(kept.norms));
    expect(Array.from(freed.sketches.entries)).toEqual(Array.from(kept.sketches.entries));
    expect(freed.blocks.map((rows) => rows.entries.length === 0)).toEqual(
      freed.blocks.map((rows) => !isShared(rows)),
    );
    expect(kept.blocks.every((rows) => rows.entries.length > 0)).toBe(true);
  });

  it("are shared out with the counting worker's, about half the entries to the inverting worker, all in shared memory", () => {
    const counted = blocksOf(new Set([1]));
    const { blocks } = counted;
    const before = blocks.map((rows) => Array.from(rows.entries));
    const total = before.reduce((sum, entries) => sum + entries.length, 0);
    const { theirs, mine } = shareOut(blocks, postedIn(counted), ALL_ALIVE);

    const firstDocs = (list: DocumentRows[]) => list.map((rows) => rows.firstDoc);
    expect([...firstDocs(theirs), ...firstDocs(mine)].sort((a, b) => a - b)).toEqual(firstDocs(blocks));
    expect(firstDocs(theirs)).toEqual([...firstDocs(theirs)].sort((a, b) => a - b));
    expect(firstDocs(mine)).toEqual([...firstDocs(mine)].sort((a, b) => a - b));
    expect(firstDocs(theirs)).toContain(PAGE);
    expect(theirs.every(isShared)).toBe(true);
    expect(mine.some(isShared)).toBe(false);
    const given = theirs.reduce((sum, rows) => sum + rows.entries.length, 0);
    expect(given).toBeGreaterThanOrEqual(total / 2);
    expect(given - (theirs.at(-1)?.entries.length ?? 0)).toBeLessThan(total / 2);
    for (const rows of blocks) expect(Array.from(rows.entries)).toEqual(before[rows.firstDoc / PAGE]);
  });

  it("leave this thread a block when the shared ones hold most of the entries, and each a block when none hold any", () => {
    const counted = blocksOf(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
    const { theirs, mine } = shareOut(counted.blocks.slice(0, 2), postedIn(counted), ALL_ALIVE);
    expect(theirs).toHaveLength(1);
    expect(mine).toHaveLength(1);
    const empty = new RowCounter(3, new Vocabulary(), 2, 10);
    const emptyBlocks = [0, 1].map((doc) => {
      empty.count({ title: "", abstract: "" });
      return empty.cut(doc);
    });
    const split = shareOut(emptyBlocks, new Int32Array(0), ALL_ALIVE);
    expect([split.theirs.length, split.mine.length]).toEqual([1, 1]);
  });

  it.each([
    ["the shared blocks hold less than half, and the worker takes some of this thread's", new Set([1, 4])],
    ["the shared blocks hold more than half, and this thread keeps some", new Set([0, 1, 2, 3, 5, 6])],
  ])(
    "tell each share's postings as reading its rows does when %s, rows not searchable and terms left out not counted",
    (_, pages) => {
      const { blocks, terms } = blocksOf(pages);
      const alive = new Uint8Array(PAPERS).fill(1);
      for (const doc of [3, PAGE + 7, 4 * PAGE + 1, 6 * PAGE + 9, 7 * PAGE + 2]) alive[doc] = 0;
      const posted = Int32Array.from(postingsOf(blocks, new Int32Array(terms).fill(1), alive));
      for (let term = 0; term < terms; term += 3) posted[term] = 0;
      const { theirs, mine, theirPostings, myPostings } = shareOut(blocks, posted, alive);

      expect(theirs.length).toBeGreaterThan(0);
      expect(mine.some(isShared)).toBe(pages.size > 4);
      expect(Array.from(theirPostings ?? [])).toEqual(postingsOf(theirs, posted, alive));
      expect(Array.from(myPostings ?? [])).toEqual(postingsOf(mine, posted, alive));
    },
  );

  it("leave each share to count its postings when the blocks' frequencies do not add up", () => {
    const counted = blocksOf(new Set([1, 4]));
    for (const rows of counted.blocks) rows.frequencies = new Int32Array(0);
    const split = shareOut(counted.blocks, postedIn(counted), ALL_ALIVE);
    expect(split.theirPostings).toBeUndefined();
    expect(split.myPostings).toBeUndefined();
  });
});
