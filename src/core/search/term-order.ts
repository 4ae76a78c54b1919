import { readable } from "./own-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import type { FirstSeen } from "./row-builder.js";
import { entryCount, entryTerm, packEntry } from "./term-entry.js";
import type { Vocabulary } from "./vocabulary.js";
import type { CountedShare } from "./count-job.js";

/**
 * Rows counted by one thread: its blocks in document order (the rows of its counter, cut), the
 * terms in the order it first met them, and, for the worker's, the map from its term ids to the
 * vocabulary's and its words' labels as written in its pages, by the vocabulary's ids.
 */
export interface CountedSide {
  blocks: readonly DocumentRows[];
  firstSeen: FirstSeen;
  ids?: Int32Array;
  labels?: ReadonlyMap<number, string>;
}

/**
 * Merges the worker's counted share into this thread's side (`near`, its terms in `vocabulary`'s
 * ids) and numbers the terms as counting every page in order numbers them: `vocabulary` is
 * renumbered in place, with the worker's terms merged in and its labels where it met a word first,
 * and the blocks' frequencies with it. The rows of each side are handed to `rewrite` to be
 * rewritten in the new ids (see renumberRows), before the vocabulary is renumbered, so that the
 * worker's can be rewritten meanwhile. Returns every block, in document order.
 */
export function mergeSides(
  vocabulary: Vocabulary,
  near: CountedSide,
  share: CountedShare,
  rewrite: (far: RowRenumbering, near: RowRenumbering) => void,
): DocumentRows[] {
  const far = farSide(share, vocabulary);
  const order = firstOccurrences(vocabulary.size, near, far);
  rewrite(rowRenumbering(far, order), rowRenumbering(near, order));
  const blocks = [...near.blocks, ...far.blocks].sort((a, b) => a.firstDoc - b.firstDoc);
  renumberFrequencies(blocks, order.newIds);
  renumberVocabulary(vocabulary, order, far);
  return blocks;
}

/** Gives a side's frequencies to the first of its blocks (the frequencies of blocks are summed). */
export function withFrequencies(blocks: readonly DocumentRows[], frequencies: Int32Array): void {
  const first = blocks[0];
  if (first) first.frequencies = frequencies;
}

/**
 * The worker's share as a side: its terms merged into `vocabulary` (`ids` maps its term ids to
 * the vocabulary's; its rows' terms are left in its own), its words' labels as written in its
 * pages by the vocabulary's ids (the vocabulary keeps its own for words both sides met), and its
 * frequencies, in the vocabulary's ids, given to its first block.
 */
function farSide(share: CountedShare, vocabulary: Vocabulary): CountedSide {
  const part = share.vocabulary;
  const ids = vocabulary.absorb(part);
  const labels = new Map<number, string>();
  for (let term = 0; term < part.count; term++) {
    if ((part.secondPart[term] as number) < 0)
      labels.set(ids[term] as number, part.labels[part.firstPart[term] as number] as string);
  }
  const frequencies = new Int32Array(vocabulary.size);
  for (let term = 0; term < ids.length; term++)
    frequencies[ids[term] as number] = share.frequencies[term] ?? 0;
  withFrequencies(share.blocks, frequencies);
  return { blocks: share.blocks, firstSeen: share.firstSeen, ids, labels };
}

/**
 * The terms of rows counted out of document order (pages shared between two threads) numbered as
 * counting every paper in order numbers them: by first occurrence in document order. Ranking
 * depends on term numbers only through ties and the order of float sums, but that is enough to
 * make builds differ; numbering alike makes them answer alike.
 */
interface TermOrder {
  /** Each of the vocabulary's term ids' new id. */
  newIds: Int32Array;
  /** Per vocabulary term id, 1 where it was first met on the far side. */
  firstOnFar: Uint8Array;
}

/**
 * Numbers the vocabulary's terms in `order`, a word's label as first written (as `far.labels` gives
 * it, where first met on the far side).
 */
function renumberVocabulary(
  vocabulary: Vocabulary,
  { newIds, firstOnFar }: TermOrder,
  far: CountedSide,
): void {
  const labels = new Map<number, string>();
  for (const [id, label] of far.labels ?? []) if (firstOnFar[id] === 1) labels.set(id, label);
  vocabulary.renumber(newIds, labels);
}

/** Rows' entries and the new id of each term id they hold: what the thread that can write them rewrites. */
export interface RowRenumbering {
  entries: readonly Uint32Array[];
  ids: Int32Array;
}

/** What renumbers a side's rows in `order`. */
function rowRenumbering(side: CountedSide, { newIds }: TermOrder): RowRenumbering {
  const ids = side.ids ? side.ids.map((id) => newIds[id] as number) : newIds;
  return { entries: side.blocks.map((rows) => rows.entries), ids };
}

/** The blocks' frequencies (in the vocabulary's ids) by new id. */
function renumberFrequencies(blocks: readonly DocumentRows[], newIds: Int32Array): void {
  for (const block of blocks) {
    const frequencies = block.frequencies;
    if (frequencies.length === 0) continue;
    const renumbered = new Int32Array(newIds.length);
    for (let term = 0; term < frequencies.length && term < newIds.length; term++)
      renumbered[newIds[term] as number] = frequencies[term] as number;
    block.frequencies = renumbered;
  }
}

/** Rewrites the term of each entry as `ids` maps it, keeping its count. */
export function renumberRows({ entries, ids }: RowRenumbering): void {
  for (const stored of entries) {
    const rows = readable(stored);
    const length = rows.length;
    for (let p = 0; p < length; p++) {
      const entry = rows[p] as number;
      rows[p] = packEntry(ids[entryTerm(entry)] as number, entryCount(entry));
    }
    if (rows !== stored) stored.set(rows);
  }
}

/**
 * The order of first occurrence of the `count` terms of the vocabulary, whose ids the near side's
 * terms are in (the far side's through `far.ids`). Each side met its terms in document order, and
 * a document is on one side only: merging the two by document gives the order of all.
 */
function firstOccurrences(count: number, near: CountedSide, far: CountedSide): TermOrder {
  const newIds = new Int32Array(count).fill(-1);
  const firstOnFar = new Uint8Array(count);
  const nearDocs = docsOf(near);
  const farDocs = docsOf(far);
  const farIds = far.ids ?? new Int32Array(0);
  let next = 0;
  let i = 0;
  let j = 0;
  while (i < nearDocs.length || j < farDocs.length) {
    const fromFar =
      i === nearDocs.length || (j < farDocs.length && (farDocs[j] as number) < (nearDocs[i] as number));
    const term = fromFar
      ? (farIds[far.firstSeen.terms[j++] as number] as number)
      : (near.firstSeen.terms[i++] as number);
    if (newIds[term] !== -1) continue;
    newIds[term] = next++;
    firstOnFar[term] = fromFar ? 1 : 0;
  }
  // Terms in no row (none are expected) keep their relative order after the others.
  for (let term = 0; term < count; term++) {
    if (newIds[term] === -1) newIds[term] = next++;
  }
  return { newIds, firstOnFar };
}

/** The document each of a side's first-seen terms was first met in (its rows counted across its blocks). */
function docsOf({ blocks, firstSeen }: CountedSide): Int32Array {
  const docs = new Int32Array(firstSeen.rows.length);
  let block = 0;
  let firstRow = 0;
  for (let k = 0; k < docs.length; k++) {
    const row = firstSeen.rows[k] as number;
    while (row >= firstRow + (blocks[block] as DocumentRows).count)
      firstRow += (blocks[block++] as DocumentRows).count;
    docs[k] = (blocks[block] as DocumentRows).firstDoc + row - firstRow;
  }
  return docs;
}
