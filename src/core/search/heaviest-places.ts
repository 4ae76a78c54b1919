import { entryTerm } from "./term-entry.js";

/**
 * Bins of weights: the high 18 bits of a positive double (its exponent and 6 bits of mantissa),
 * from that of LEAST_BINNED on, 64 bins an octave over 8 octaves (0.5 to 128: weights are a tf
 * factor of 1 to 6.5 times an idf of 1 to 13); lighter and heavier weights share the first and last bins.
 */
const BIN_SHIFT = 14;
const BINS = 512;
const LEAST_BINNED = 0.5;
/** The bin of a place left out: a weight of zero. */
const LEFT_OUT = 0xffff;

/** Where a double's high 32 bits are in a Uint32Array over it: the second word on little-endian machines. */
const HIGH_WORD = new Uint32Array(Float64Array.of(1).buffer)[1] === 0x3ff00000 ? 1 : 0;
const FIRST_BIN = highBits(LEAST_BINNED);

const binCounts = new Int32Array(BINS);
// Sized past the longest rows abstracts give: growing them in the middle of a build throws away the
// optimised code of the loops that read them.
let binOf = new Uint16Array(1024);
/** Places in the cut's bin, in the order they are chosen. */
let tied = new Int32Array(1024);
let words: Uint32Array = new Uint32Array(0);

/**
 * Writes to `chosen` the places `i` (ascending) of the `keep` largest positive weights of
 * `weights[0…size-1]`, ties going to the lower term id of `entries[from + i]`, as sorting them
 * would choose; returns how many (fewer when fewer weights are positive).
 *
 * The weights are first sorted into bins by the high bits of their binary form, which order
 * positive doubles as their values do: every weight in a higher bin is heavier, so all above the
 * cut's bin are kept, and only the few in that bin are compared one by one. On rows of a hundred
 * or so entries this takes about as long as finding the cut-off weight by quickselect alone, and
 * settles the ties and lists the places besides.
 */
export function heaviestPlaces(
  weights: Float64Array,
  size: number,
  entries: Uint32Array,
  from: number,
  keep: number,
  chosen: Int32Array,
): number {
  if (binOf.length < size) {
    binOf = new Uint16Array(Math.max(size, binOf.length * 2));
    tied = new Int32Array(binOf.length);
  }
  const bins = binOf;
  let places = keep;
  let cut = binWeights(weights, size, bins);
  while (cut > 0 && (binCounts[cut] as number) < places) places -= binCounts[cut--] as number;
  if ((binCounts[cut] as number) <= places) {
    let kept = 0;
    for (let i = 0; i < size; i++) if ((bins[i] as number) >= cut && bins[i] !== LEFT_OUT) chosen[kept++] = i;
    return kept;
  }
  // The places above the cut's bin are kept; of those in it, the `places` that go first.
  let above = 0;
  let inCut = 0;
  for (let i = 0; i < size; i++) {
    const bin = bins[i] as number;
    if (bin === cut) insertInOrder(i, inCut++, weights, entries, from);
    else if (bin > cut && bin !== LEFT_OUT) chosen[above++] = i;
  }
  return mergePlaces(chosen, above, places);
}

/** Merges the first `count` of `tied` (ascending places once sorted) into the `above` places of `chosen`. */
function mergePlaces(chosen: Int32Array, above: number, count: number): number {
  const picked = tied.subarray(0, count).sort();
  let a = above - 1;
  let b = count - 1;
  for (let at = above + count - 1; at >= 0; at--) {
    const fromAbove = b < 0 || (a >= 0 && (chosen[a] as number) > (picked[b] as number));
    chosen[at] = fromAbove ? (chosen[a--] as number) : (picked[b--] as number);
  }
  return above + count;
}

/** Inserts place `i` among the first `count` of `tied`, which are in the order they are chosen. */
function insertInOrder(
  i: number,
  count: number,
  weights: Float64Array,
  entries: Uint32Array,
  from: number,
): void {
  const order = tied;
  let at = count;
  while (at > 0 && goesBefore(i, order[at - 1] as number, weights, entries, from)) {
    order[at] = order[at - 1] as number;
    at--;
  }
  order[at] = i;
}

/** Counts the positive weights into their bins, writing each one's to `bins`; returns the highest bin used. */
function binWeights(weights: Float64Array, size: number, bins: Uint16Array): number {
  if (words.buffer !== weights.buffer) words = new Uint32Array(weights.buffer);
  const high = words;
  const offset = weights.byteOffset / Uint32Array.BYTES_PER_ELEMENT + HIGH_WORD;
  binCounts.fill(0);
  let top = 0;
  for (let i = 0; i < size; i++) {
    if (!((weights[i] as number) > 0)) {
      bins[i] = LEFT_OUT;
      continue;
    }
    const bin = clampBin(((high[offset + 2 * i] as number) >>> BIN_SHIFT) - FIRST_BIN);
    bins[i] = bin;
    binCounts[bin] = (binCounts[bin] as number) + 1;
    if (bin > top) top = bin;
  }
  return top;
}

function clampBin(bin: number): number {
  return bin < 0 ? 0 : bin >= BINS ? BINS - 1 : bin;
}

/** The bits of a positive double that bins it, before FIRST_BIN is taken off. */
function highBits(value: number): number {
  return (new Uint32Array(Float64Array.of(value).buffer)[HIGH_WORD] as number) >>> BIN_SHIFT;
}

/** Whether place `a` is chosen before place `b`: a heavier weight, or the same and a lower term. */
function goesBefore(
  a: number,
  b: number,
  weights: Float64Array,
  entries: Uint32Array,
  from: number,
): boolean {
  const difference = (weights[a] as number) - (weights[b] as number);
  if (difference !== 0) return difference > 0;
  return entryTerm(entries[from + a] as number) < entryTerm(entries[from + b] as number);
}
