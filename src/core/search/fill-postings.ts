import type { DocumentRows } from "./posting-lists.js";
import { type RowWeighting, sublinearTf } from "./row-weights.js";

/**
 * What inverting weighed rows into posting lists takes: the rows, each term's posting count (0 for
 * a term left out) and first slot, the weighting, and the arrays the postings are written to.
 * `docs` may be a view over the spent weights of a block (see PostingLists.fromRows): documents
 * are written only once every weight has been read.
 */
export interface PostingFill extends RowWeighting {
  blocks: readonly DocumentRows[];
  postingCounts: Int32Array;
  offsets: Int32Array;
  weights: Float32Array;
  docs: Int32Array;
}

/**
 * Lays out the postings of weighed rows: `postingCounts[term]` slots per term, in term order. The
 * documents go over the spent weights of a block with room for them, when one has it. With `shared`,
 * weights and documents are in shared memory, so that another thread can write some of them.
 */
export function planFill(
  blocks: readonly DocumentRows[],
  postingCounts: Int32Array,
  weighting: RowWeighting,
  shared: boolean,
): PostingFill {
  const termCount = postingCounts.length;
  const offsets = new Int32Array(termCount + 1);
  for (let term = 0; term < termCount; term++)
    offsets[term + 1] = (offsets[term] as number) + (postingCounts[term] as number);
  const total = offsets[termCount] as number;
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const weights = new Float32Array(memory(total * Float32Array.BYTES_PER_ELEMENT));
  const docs =
    spentRoom(blocks, total, shared) ?? new Int32Array(memory(total * Int32Array.BYTES_PER_ELEMENT));
  return { ...weighting, blocks, postingCounts, offsets, weights, docs };
}

/**
 * Each term's next free slot for the postings of `blocks[first…]`: after the postings of the blocks
 * before (which `fillWeights` and `fillDocs` of those write), as filling every block in order would have it.
 */
export function cursorsFrom(fill: PostingFill, first: number): Int32Array {
  const { alive, postingCounts } = fill;
  // -1 for a term left out: one look-up per entry tells both whether and where to write.
  const cursor = fill.offsets
    .slice(0, postingCounts.length)
    .map((at, term) => (postingCounts[term] === 0 ? -1 : at));
  for (const { firstDoc, count, start, terms } of fill.blocks.slice(0, first)) {
    for (let row = 0; row < count; row++) {
      if (alive[firstDoc + row] !== 1) continue;
      const end = start[row + 1] as number;
      for (let p = start[row] as number; p < end; p++) {
        const term = terms[p] as number;
        const at = cursor[term] as number;
        if (at >= 0) cursor[term] = at + 1;
      }
    }
  }
  return cursor;
}

/**
 * Writes the posting weights of the rows of blocks `first … end-1` (weighted as `fill` says): each
 * entry of a searchable row, at its term's next slot in `cursor` (which it advances; see `cursorsFrom`).
 */
export function fillWeights(fill: PostingFill, first: number, end: number, cursor: Int32Array): void {
  const { alive, termWeights, docScales, weights } = fill;
  for (const { firstDoc, count, start, terms, weights: counts } of fill.blocks.slice(first, end)) {
    for (let row = 0; row < count; row++) {
      const doc = firstDoc + row;
      if (alive[doc] !== 1) continue;
      const scale = docScales[doc] as number;
      const rowEnd = start[row + 1] as number;
      for (let p = start[row] as number; p < rowEnd; p++) {
        const term = terms[p] as number;
        const at = cursor[term] as number;
        if (at < 0) continue;
        weights[at] = sublinearTf(counts[p] as number) * (termWeights[term] as number) * scale;
        cursor[term] = at + 1;
      }
    }
  }
}

/** Writes the documents of the same postings, from the same `cursor` as `fillWeights` started with. */
export function fillDocs(fill: PostingFill, first: number, end: number, cursor: Int32Array): void {
  const { alive, docs } = fill;
  for (const { firstDoc, count, start, terms } of fill.blocks.slice(first, end)) {
    for (let row = 0; row < count; row++) {
      const doc = firstDoc + row;
      if (alive[doc] !== 1) continue;
      const rowEnd = start[row + 1] as number;
      for (let p = start[row] as number; p < rowEnd; p++) {
        const term = terms[p] as number;
        const at = cursor[term] as number;
        if (at < 0) continue;
        docs[at] = doc;
        cursor[term] = at + 1;
      }
    }
  }
}

/**
 * A view over the spent weights buffer of a block with room for `total` postings (in shared memory
 * if `shared`), or none. Every slot of it is written by `fillDocs`, so its old contents need no clearing.
 */
function spentRoom(blocks: readonly DocumentRows[], total: number, shared: boolean): Int32Array | undefined {
  for (const rows of blocks) {
    const buffer = rows.weights.buffer;
    const room = buffer.byteLength >= total * Int32Array.BYTES_PER_ELEMENT;
    if (room && (!shared || buffer instanceof SharedArrayBuffer)) return new Int32Array(buffer, 0, total);
  }
  return undefined;
}
