import { describe, expect, it } from "vitest";
import { fillBlock } from "../../../src/core/search/fill-postings.js";
import { type DocumentRows, PostingLists, Touched } from "../../../src/core/search/posting-lists.js";
import { RowBuilder } from "../../../src/core/search/row-builder.js";
import { SUBLINEAR } from "../../../src/core/search/row-weights.js";
import { packEntry } from "../../../src/core/search/term-entry.js";

/**
 * Postings keep 16 bits of a document number within each range of 65,536 documents: these lists
 * span three ranges, with a block starting exactly where the second begins.
 */
const DOCS = 140_000;
const BLOCK = 4096;
const TERMS = 60;

/** The terms of document `doc`, ascending, with their counts: a few, varied, some counted often. */
function termsOf(doc: number): Array<[number, number]> {
  const terms = new Map<number, number>([[doc % 7, 1 + (doc % 3)]]);
  if (doc % 5 === 0) terms.set(7 + (doc % 40), 1);
  if (doc % 1001 === 0) terms.set(59, 300);
  return [...terms].sort((a, b) => a[0] - b[0]);
}

function blocksOf(size = BLOCK): DocumentRows[] {
  const blocks: DocumentRows[] = [];
  for (let first = 0; first < DOCS; first += size) {
    const rows = new RowBuilder(size, size * 3);
    for (let doc = first; doc < Math.min(DOCS, first + size); doc++) {
      for (const [term, count] of termsOf(doc)) rows.add(term, count);
      rows.endRow();
    }
    blocks.push(rows.cut(first));
  }
  return blocks;
}

const alive = new Uint8Array(DOCS).fill(1).map((_, doc) => (doc % 9 === 4 ? 0 : 1));

/** Every term is posted but term 3, which is left out. */
const posted = new Int32Array(TERMS).map((_, term) => (term === 3 ? 0 : 1));

/** Each term's list as a naive inversion gives it: [document, count] in document order. */
function expectedList(term: number): Array<[number, number]> {
  const list: Array<[number, number]> = [];
  if (term === 3) return list;
  for (let doc = 0; doc < DOCS; doc++) {
    if (alive[doc] !== 1) continue;
    const found = termsOf(doc).find(([id]) => id === term);
    if (found) list.push([doc, Math.min(255, found[1])]);
  }
  return list;
}

/** The lists of all the rows in one block, as a build on one thread makes them. */
function oneBlock(blocks: DocumentRows[]): PostingLists {
  return PostingLists.fromBlocks([fillBlock(blocks, posted, alive)], DOCS);
}

function listOf(lists: PostingLists, term: number): Array<[number, number]> {
  const list: Array<[number, number]> = [];
  lists.forEach(term, (doc, count) => list.push([doc, count]));
  return list;
}

function expectLists(lists: PostingLists, terms: readonly number[]): void {
  for (const term of terms) expect(listOf(lists, term)).toEqual(expectedList(term));
}

describe("PostingLists over more documents than 16 bits number", () => {
  const single = oneBlock(blocksOf());

  it("hold every searchable document of each term, in order, with its count (capped at 255)", () => {
    expectLists(single, [0, 3, 6, 7, 30, 46, 59]);
    expect(single.countOf(59, 1001 * 131)).toBe(255);
    expect(single.countOf(0, 70_007)).toBe(1 + (70_007 % 3));
    expect(single.countOf(0, 70_008)).toBe(0);
    expect(single.countOf(4, 4)).toBe(0); // document 4 is not searchable
    expect(single.countOf(0, DOCS + 7)).toBe(0);
  });

  it("come out the same when the fill is handed each term's posting count instead of counting them", () => {
    const counted = new Int32Array(TERMS);
    for (let doc = 0; doc < DOCS; doc++) {
      if (alive[doc] !== 1) continue;
      for (const [term] of termsOf(doc))
        if (posted[term] !== 0) counted[term] = (counted[term] as number) + 1;
    }
    const given = PostingLists.fromBlocks([fillBlock(blocksOf(), posted, alive, { counted })], DOCS);
    for (const term of [0, 3, 6, 7, 30, 46, 59]) expect(listOf(given, term)).toEqual(listOf(single, term));
  });

  it("come out the same from blocks that each straddle a range boundary", () => {
    // 5,000 rows a block: the rows of documents 65,000 … 69,999 fall in two ranges, and so on.
    const straddling = oneBlock(blocksOf(5_000));
    for (const term of [0, 3, 6, 7, 30, 46, 59]) expect(listOf(straddling, term)).toEqual(expectedList(term));
    for (const doc of [65_535, 65_536, 131_071, 131_072, 139_999])
      expect(straddling.countOf(0, doc)).toBe(single.countOf(0, doc));
  });

  it("add each posting's sublinear count to its document's score, past every range boundary", () => {
    const scores = new Float32Array(DOCS);
    const touched = new Touched();
    single.accumulate(59, 2, scores, touched);
    const docs = expectedList(59).map(([doc]) => doc);
    expect(Array.from(touched.ids.subarray(0, touched.length))).toEqual(docs);
    expect(scores[1001 * 131]).toBeCloseTo(2 * (SUBLINEAR[255] as number), 5);
  });

  it("answer alike from two blocks that share the documents out by row block, as two threads build them", () => {
    const blocks = blocksOf();
    const inSecond = (doc: number) => Math.floor(doc / BLOCK) % 3 === 1;
    const first = blocks.filter((rows) => !inSecond(rows.firstDoc));
    const second = blocks.filter((rows) => inSecond(rows.firstDoc));
    const blockOf = Uint8Array.from({ length: DOCS }, (_, doc) => (inSecond(doc) ? 1 : 0));
    const split = PostingLists.fromBlocks(
      [fillBlock(first, posted, alive), fillBlock(second, posted, alive)],
      DOCS,
      blockOf,
    );
    const byDoc = (list: Array<[number, number]>) => [...list].sort((a, b) => a[0] - b[0]);
    for (const term of [0, 3, 6, 7, 30, 59]) expect(byDoc(listOf(split, term))).toEqual(expectedList(term));
    for (const doc of [0, 4096, 5000, 70_007, 139_999])
      expect(split.countOf(0, doc)).toBe(single.countOf(0, doc));
    expect(split.countOf(59, 1001 * 5)).toBe(255); // in the second block
    // Tails merged in: one block again, every list in document order.
    const added = Array.from({ length: 30_000 }, (_, i) => DOCS + i);
    for (const doc of added) split.append(doc, Uint32Array.of(packEntry(6, 2)));
    split.settle();
    expect(listOf(split, 6)).toEqual([...expectedList(6), ...added.map((doc): [number, number] => [doc, 2])]);
    expect(split.countOf(6, 5000 + 6)).toBe(single.countOf(6, 5000 + 6));
  });

  it("take documents added after the build, and keep them when the tails are merged into a block", () => {
    const lists = oneBlock(blocksOf());
    const added = Array.from({ length: 30_000 }, (_, i) => DOCS + i);
    for (const doc of added) lists.append(doc, Uint32Array.of(packEntry(2, 1), packEntry(70, 4)));
    expect(lists.countOf(70, DOCS + 5)).toBe(4);
    lists.settle();
    expect(listOf(lists, 2)).toEqual([...expectedList(2), ...added.map((doc): [number, number] => [doc, 1])]);
    expect(listOf(lists, 70)).toEqual(added.map((doc): [number, number] => [doc, 4]));
    expect(lists.countOf(70, DOCS + 29_999)).toBe(4);
    expectLists(lists, [0, 3, 59]);
  });
});
