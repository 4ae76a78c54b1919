import { heaviestPlaces } from "./heaviest-places.js";
import { EMPTY_VECTOR, type SparseVector } from "./sparse.js";
import { entryCount, entryTerm } from "./term-entry.js";

/**
 * Terms kept per paper: the index keeps no paper text, so feedback (on `/find` and from a liked
 * paper) reads a paper's topic from these. 48 keeps ICLR and SciFact nDCG@10 where the full
 * vectors had them (`npm run eval -- --check`); 32 does not.
 */
export const SKETCH_TERMS = 48;

/**
 * Where sketches are written: a slot of SKETCH_TERMS entries (term and count, see term-entry) per
 * document, in shared memory so that the thread sharing a build's inversion writes its documents'
 * sketches too. Weights are not kept: they are the terms' weights of the moment, worked out when read.
 */
export interface SketchSlots {
  entries: Uint32Array;
  lengths: Uint8Array;
}

/** Scratch: where in the row the kept entries are. */
const keptAt = new Int32Array(SKETCH_TERMS);

/**
 * Each document's heaviest terms (as truncateVector would choose them), kept in SketchSlots and read
 * as a vector L2-normalised again. Written in a row's order; `get` sorts the few that are ever read.
 */
export class PaperSketches {
  #slots: SketchSlots = allocate(0);

  get slots(): SketchSlots {
    return this.#slots;
  }

  /** Makes room for documents `0 … capacity-1` (exactly: the index decides how it grows), keeping those written. */
  reserve(capacity: number): void {
    if (capacity <= this.#slots.lengths.length) return;
    const slots = allocate(capacity);
    slots.entries.set(this.#slots.entries);
    slots.lengths.set(this.#slots.lengths);
    this.#slots = slots;
  }

  /**
   * The sketch of `doc`, ids ascending, normalised, each term weighing `weigh(term, count)`; empty
   * for a document never sketched.
   */
  get(doc: number, weigh: (term: number, count: number) => number): SparseVector {
    const { entries, lengths } = this.#slots;
    const length = lengths[doc] ?? 0;
    if (length === 0) return EMPTY_VECTOR;
    const from = doc * SKETCH_TERMS;
    const sorted = entries.slice(from, from + length).sort();
    const ids = new Int32Array(length);
    const weights = new Float32Array(length);
    let squares = 0;
    for (let k = 0; k < length; k++) {
      const entry = sorted[k] as number;
      const weight = weigh(entryTerm(entry), entryCount(entry));
      ids[k] = entryTerm(entry);
      weights[k] = weight;
      squares += weight * weight;
    }
    const scale = 1 / (Math.sqrt(squares) || 1);
    for (let k = 0; k < length; k++) weights[k] = (weights[k] as number) * scale;
    return { ids, weights };
  }

  /** Sketches `doc` from its entries (see term-entry) and their weights, aligned. */
  setRow(doc: number, entries: Uint32Array, weights: Float64Array): void {
    sketchRow(this.#slots, doc, weights, entries.length, entries, 0);
  }
}

function allocate(documents: number): SketchSlots {
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    entries: new Uint32Array(shared(documents * SKETCH_TERMS * Uint32Array.BYTES_PER_ELEMENT)),
    lengths: new Uint8Array(shared(documents)),
  };
}

/**
 * Keeps as `doc`'s sketch the entries `entries[from…from+size-1]` of the SKETCH_TERMS largest of
 * `weights[0…size-1]` (ties: the lower term id, as truncateVector chooses, so a row in any order
 * gives the same sketch), zeros dropped. Scale does not matter.
 */
export function sketchRow(
  slots: SketchSlots,
  doc: number,
  weights: Float64Array,
  size: number,
  entries: Uint32Array,
  from: number,
): void {
  const kept = heaviestPlaces(weights, size, entries, from, SKETCH_TERMS, keptAt);
  const slot = doc * SKETCH_TERMS;
  for (let k = 0; k < kept; k++) slots.entries[slot + k] = entries[from + (keptAt[k] as number)] as number;
  slots.lengths[doc] = kept;
}
