import type { DocumentRows } from "./posting-lists.js";
import { entryCount, entryTerm, packEntry } from "./term-entry.js";
import { Vocabulary, type VocabularyPart } from "./vocabulary.js";

/**
 * Renumbers the terms of rows counted out of document order (pages shared between two threads)
 * as counting every paper in order numbers them: by first occurrence in document order, a word's
 * label as first written there. Ranking depends on term numbers only through ties and the order of
 * float sums, but that is enough to make builds differ; this makes them answer alike.
 *
 * `blocks` are in document order, their terms in `vocabulary`'s ids, but those `fromWorker` says are
 * the worker's, whose terms are in its own ids, `workerIds` mapping them to `vocabulary`'s (their
 * frequencies are in `vocabulary`'s already). `workerLabels` gives, per word id, its label as
 * written in the worker's pages (where it may have been first met). The rows' terms and
 * frequencies are rewritten in place; returns the new vocabulary.
 */
export function renumberTerms(
  vocabulary: Vocabulary,
  blocks: readonly DocumentRows[],
  fromWorker: (block: DocumentRows) => boolean,
  workerIds: Int32Array,
  workerLabels: ReadonlyMap<number, string>,
): Vocabulary {
  const part = vocabulary.toPart();
  const ids = (block: DocumentRows) => (fromWorker(block) ? workerIds : undefined);
  const { newIds, order, firstOnWorker } = firstOccurrences(part.count, blocks, ids);
  const labels = part.labels.slice();
  const firstPart = new Int32Array(part.count);
  const secondPart = new Int32Array(part.count);
  for (let at = 0; at < part.count; at++) {
    const old = order[at] as number;
    const second = part.secondPart[old] as number;
    const first = part.firstPart[old] as number;
    firstPart[at] = second >= 0 ? (newIds[first] as number) : first;
    secondPart[at] = second >= 0 ? (newIds[second] as number) : -1;
    if (second < 0 && firstOnWorker[old] === 1)
      labels[first] = workerLabels.get(old) ?? (labels[first] as string);
  }
  const renumbered = new Vocabulary();
  const permuted: VocabularyPart = { count: part.count, firstPart, secondPart, stems: part.stems, labels };
  renumbered.absorb(permuted);
  rewriteRows(blocks, newIds, ids, part.count);
  return renumbered;
}

/**
 * Each term's new id (by first occurrence in the blocks' order), the old ids in new order, and where
 * each was first met. `ids` gives the map of a block whose terms are not in the vocabulary's ids.
 */
function firstOccurrences(
  count: number,
  blocks: readonly DocumentRows[],
  ids: (block: DocumentRows) => Int32Array | undefined,
): { newIds: Int32Array; order: Int32Array; firstOnWorker: Uint8Array } {
  const newIds = new Int32Array(count).fill(-1);
  const order = new Int32Array(count);
  const firstOnWorker = new Uint8Array(count);
  let next = 0;
  const identity = Int32Array.from({ length: count }, (_, term) => term);
  for (const block of blocks) {
    const map = ids(block);
    const worker = map ? 1 : 0;
    const vocabularyId = map ?? identity;
    const { entries, start } = block;
    const end = start[block.count] as number;
    for (let p = start[0] as number; p < end; p++) {
      const term = vocabularyId[entryTerm(entries[p] as number)] as number;
      if (newIds[term] !== -1) continue;
      newIds[term] = next;
      order[next++] = term;
      firstOnWorker[term] = worker;
    }
  }
  // Terms in no row (none are expected) keep their relative order after the others.
  for (let term = 0; term < count; term++) {
    if (newIds[term] !== -1) continue;
    newIds[term] = next;
    order[next++] = term;
  }
  return { newIds, order, firstOnWorker };
}

/**
 * Rewrites every row's terms (each shared array once; through `ids` first where it gives a map) and
 * each block's frequencies in the new ids.
 */
function rewriteRows(
  blocks: readonly DocumentRows[],
  newIds: Int32Array,
  ids: (block: DocumentRows) => Int32Array | undefined,
  count: number,
): void {
  const rewritten = new Set<Uint32Array>();
  for (const block of blocks) {
    if (!rewritten.has(block.entries)) {
      rewritten.add(block.entries);
      const map = ids(block);
      renumberEntries(block.entries, map ? map.map((id) => newIds[id] as number) : newIds);
    }
    if (block.frequencies.length === 0) continue;
    const frequencies = new Int32Array(count);
    const old = block.frequencies;
    for (let term = 0; term < old.length && term < count; term++)
      frequencies[newIds[term] as number] = old[term] as number;
    block.frequencies = frequencies;
  }
}

/** Rewrites the term of each entry as `newIds` maps it, keeping its count. */
function renumberEntries(entries: Uint32Array, newIds: Int32Array): void {
  const length = entries.length;
  for (let p = 0; p < length; p++) {
    const entry = entries[p] as number;
    entries[p] = packEntry(newIds[entryTerm(entry)] as number, entryCount(entry));
  }
}
