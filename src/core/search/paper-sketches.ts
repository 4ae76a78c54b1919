import { kthLargest } from "./kth-largest.js";
import { EMPTY_VECTOR, type SparseVector } from "./sparse.js";

/**
 * Terms kept per paper: the index keeps no paper text, so feedback (on `/find` and from a liked
 * paper) reads a paper's topic from these. 48 keeps ICLR and SciFact nDCG@10 where the full
 * vectors had them (`npm run eval -- --check`); 32 does not.
 */
export const SKETCH_TERMS = 48;

/**
 * Where sketches are written: a slot of SKETCH_TERMS per document in flat arrays, in shared memory
 * so that the thread sharing a build's inversion writes its documents' sketches too.
 */
export interface SketchSlots {
  terms: Int32Array;
  /** Weights in [0, 1] (a sketch is normalised) in steps of 1/WEIGHT_STEPS: half the memory of floats. */
  weights: Uint16Array;
  lengths: Uint8Array;
}

const WEIGHT_STEPS = 65_535;
/** Scratch: where in the row the kept entries are. */
const keptAt = new Int32Array(SKETCH_TERMS);

/**
 * Each document's heaviest terms, L2-normalised again (as truncateVector gives them), kept in
 * SketchSlots. Written in a row's order; `get` sorts the few that are ever read.
 */
export class PaperSketches {
  #slots: SketchSlots = allocate(0);
  #scratch = new Float64Array(256);

  get slots(): SketchSlots {
    return this.#slots;
  }

  /** Makes room for documents `0 … capacity-1` (exactly: the index decides how it grows), keeping those written. */
  reserve(capacity: number): void {
    if (capacity <= this.#slots.lengths.length) return;
    const slots = allocate(capacity);
    slots.terms.set(this.#slots.terms);
    slots.weights.set(this.#slots.weights);
    slots.lengths.set(this.#slots.lengths);
    this.#slots = slots;
  }

  /** The sketch of `doc`, ids ascending; empty for a document never sketched. */
  get(doc: number): SparseVector {
    const { terms, weights, lengths } = this.#slots;
    const length = lengths[doc] ?? 0;
    if (length === 0) return EMPTY_VECTOR;
    const from = doc * SKETCH_TERMS;
    const order = Array.from({ length }, (_, k) => from + k).sort(
      (a, b) => (terms[a] as number) - (terms[b] as number),
    );
    return {
      ids: Int32Array.from(order, (at) => terms[at] as number),
      weights: Float32Array.from(order, (at) => (weights[at] as number) / WEIGHT_STEPS),
    };
  }

  /** Sketches a vector as document `doc`. */
  setVector(doc: number, vector: SparseVector): void {
    const size = vector.ids.length;
    if (size > this.#scratch.length) this.#scratch = new Float64Array(size);
    for (let i = 0; i < size; i++) this.#scratch[i] = vector.weights[i] as number;
    sketchRow(this.#slots, doc, this.#scratch, size, vector.ids, 0);
  }
}

function allocate(documents: number): SketchSlots {
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    terms: new Int32Array(shared(documents * SKETCH_TERMS * Int32Array.BYTES_PER_ELEMENT)),
    weights: new Uint16Array(shared(documents * SKETCH_TERMS * Uint16Array.BYTES_PER_ELEMENT)),
    lengths: new Uint8Array(shared(documents)),
  };
}

/**
 * Writes the SKETCH_TERMS heaviest of `weights[0…size-1]` (ties: the lower term id, as
 * truncateVector chooses, so a row in any order gives the same sketch), whose terms are
 * `terms[from…]`, zeros dropped and L2-normalised again, as `doc`'s sketch. Scale does not matter:
 * the weights need not be normalised first.
 */
export function sketchRow(
  slots: SketchSlots,
  doc: number,
  weights: Float64Array,
  size: number,
  terms: Int32Array,
  from: number,
): void {
  const cutoff = size > SKETCH_TERMS ? kthLargest(weights, SKETCH_TERMS, size) : 0;
  const lastTie = size > SKETCH_TERMS ? lastTiedTerm(weights, size, terms, from, cutoff) : Infinity;
  const slot = doc * SKETCH_TERMS;
  let kept = 0;
  let squares = 0;
  for (let i = 0; i < size && kept < SKETCH_TERMS; i++) {
    const weight = weights[i] as number;
    if (weight <= 0 || weight < cutoff || (weight === cutoff && (terms[from + i] as number) > lastTie))
      continue;
    keptAt[kept++] = i;
    squares += weight * weight;
  }
  const scale = WEIGHT_STEPS / (Math.sqrt(squares) || 1);
  for (let k = 0; k < kept; k++) {
    const i = keptAt[k] as number;
    slots.terms[slot + k] = terms[from + i] as number;
    slots.weights[slot + k] = Math.round((weights[i] as number) * scale);
  }
  slots.lengths[doc] = kept;
}

/**
 * Of the entries weighing exactly `cutoff`, as many are kept as there are places left after the
 * heavier ones: those with the lowest term ids. Returns the highest term id kept.
 */
function lastTiedTerm(
  weights: Float64Array,
  size: number,
  terms: Int32Array,
  from: number,
  cutoff: number,
): number {
  let places = SKETCH_TERMS;
  const tied: number[] = [];
  for (let i = 0; i < size; i++) {
    const weight = weights[i] as number;
    if (weight > cutoff) places--;
    else if (weight === cutoff) tied.push(terms[from + i] as number);
  }
  if (tied.length <= places) return Infinity;
  tied.sort((a, b) => a - b);
  return tied[places - 1] as number;
}
