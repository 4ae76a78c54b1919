import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import { countRows, RowCounter } from "../../../src/core/search/count-rows.js";
import type { DocumentRows } from "../../../src/core/search/posting-lists.js";
import { mergeSides, renumberRows, withFrequencies } from "../../../src/core/search/term-order.js";
import { Vocabulary } from "../../../src/core/search/vocabulary.js";
import { syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

const PAGE = 100;
/** The pages the far side counts: the first among them, so that the far side meets words first. */
const FAR_PAGES = new Set([0, 2, 3, 6]);

/** Papers in which a word is written one way on the far side's pages and another on the near's. */
function papers(): Paper[] {
  return syntheticCorpus(800, 21).map((paper, i) => {
    const onFar = FAR_PAGES.has(Math.floor(i / PAGE));
    return {
      ...paper,
      title: `${paper.title} ${onFar ? "zebrafishes" : "zebrafish"} ${i % 50 === 0 ? `Word${i}` : ""}`,
    };
  });
}

/** The papers counted a page at a time on two sides, as a build on two threads counts them, then merged (the rows rewritten on this thread). */
function countedOnTwoSides(all: readonly Paper[]): { blocks: DocumentRows[]; vocabulary: Vocabulary } {
  const vocabulary = new Vocabulary();
  const nearCounter = new RowCounter(3, vocabulary, all.length, 1 << 20);
  const farVocabulary = new Vocabulary();
  const farCounter = new RowCounter(3, farVocabulary, all.length, 1 << 20);
  const nearBlocks: DocumentRows[] = [];
  const farBlocks: DocumentRows[] = [];
  for (let first = 0; first < all.length; first += PAGE) {
    const onFar = FAR_PAGES.has(first / PAGE);
    const counter = onFar ? farCounter : nearCounter;
    for (const paper of all.slice(first, first + PAGE)) counter.count(paper);
    (onFar ? farBlocks : nearBlocks).push(counter.cut(first));
  }
  withFrequencies(nearBlocks, nearCounter.frequencies);
  const near = { blocks: nearBlocks, firstSeen: nearCounter.firstSeen };
  const share = {
    blocks: farBlocks,
    frequencies: farCounter.frequencies,
    firstSeen: farCounter.firstSeen,
    vocabulary: farVocabulary.toPart(),
  };
  const blocks = mergeSides(vocabulary, near, share, (farRows, nearRows) => {
    renumberRows(farRows);
    renumberRows(nearRows);
  });
  return { blocks, vocabulary };
}

/** Where two lists first differ (-1: nowhere), so that a failure shows the place, not a diff of thousands. */
function firstDifference(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe("Terms counted on two sides, renumbered", () => {
  it("get the ids, rows, frequencies and labels counting every page in order gives them", () => {
    const all = papers();
    const whole = new Vocabulary();
    const rows = countRows(all, 0, all.length, 3, whole);
    const { blocks, vocabulary } = countedOnTwoSides(all);

    expect(vocabulary.size).toBe(whole.size);
    const entries = blocks.flatMap((block) => Array.from(block.entries));
    expect(firstDifference(entries, rows.entries)).toBe(-1);
    const summed = new Int32Array(whole.size);
    for (const { frequencies } of blocks)
      for (let term = 0; term < frequencies.length; term++)
        summed[term] = (summed[term] as number) + (frequencies[term] as number);
    expect(firstDifference(summed, rows.frequencies.subarray(0, whole.size))).toBe(-1);
    const ids = Array.from({ length: whole.size }, (_, id) => id);
    expect(
      firstDifference(
        ids.map((id) => vocabulary.label(id)),
        ids.map((id) => whole.label(id)),
      ),
    ).toBe(-1);
    // Labelled as first written, on the far side's first page.
    expect(vocabulary.label(vocabulary.wordId("zebrafish", false) ?? -1)).toBe("zebrafishes");
    // Bigrams and words met again after the renumbering are found by their new ids.
    const { firstPart, secondPart } = whole.toPart();
    const bigrams = ids.filter((id) => (secondPart[id] as number) >= 0);
    const found = bigrams.map((id) =>
      vocabulary.bigramId(firstPart[id] as number, secondPart[id] as number, false),
    );
    expect(bigrams.length).toBeGreaterThan(1000);
    expect(firstDifference(found, bigrams)).toBe(-1);
    for (const word of ["networks", "zebrafish", "word700", "diffusion"])
      expect(vocabulary.wordId(word, false)).toBe(whole.wordId(word, false));
  });
});
