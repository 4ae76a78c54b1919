/** Empty slots hold this key (term ids are never negative). */
const EMPTY = -1;
const INITIAL_BITS = 10;

/**
 * Numbers index term ids densely (0, 1, 2, … in order of first sight), in an open-addressing
 * table of one flat typed array, key and number side by side. A profile's feedback centroid asks
 * about a hundred terms per candidate pool, and a Map of tens of thousands of numbers costs several
 * cache misses per question where this costs about one.
 */
export class TermNumbers {
  #table: Int32Array = new Int32Array(2 ** INITIAL_BITS * 2).fill(EMPTY);
  #mask = 2 ** INITIAL_BITS - 1;
  #shift = 32 - INITIAL_BITS;
  #size = 0;

  /** Terms numbered so far. */
  get size(): number {
    return this.#size;
  }

  /** The number of `term`, or -1 when it has none. */
  numberOf(term: number): number {
    const table = this.#table;
    for (let slot = this.#slotOf(term); ; slot = (slot + 1) & this.#mask) {
      const key = table[slot * 2] as number;
      if (key === term) return table[slot * 2 + 1] as number;
      if (key === EMPTY) return -1;
    }
  }

  /** The number of `term`, giving it the next one when it has none. */
  add(term: number): number {
    const table = this.#table;
    for (let slot = this.#slotOf(term); ; slot = (slot + 1) & this.#mask) {
      const key = table[slot * 2] as number;
      if (key === term) return table[slot * 2 + 1] as number;
      if (key === EMPTY) {
        const number = this.#size++;
        table[slot * 2] = term;
        table[slot * 2 + 1] = number;
        // At most half full, so probes stay short.
        if (this.#size * 2 > this.#mask + 1) this.#grow();
        return number;
      }
    }
  }

  /** Fibonacci hashing: the high bits of the product, which every bit of the term moves. */
  #slotOf(term: number): number {
    return Math.imul(term, 0x9e3779b1) >>> this.#shift;
  }

  #grow(): void {
    const old = this.#table;
    this.#table = new Int32Array(old.length * 2).fill(EMPTY);
    this.#mask = this.#mask * 2 + 1;
    this.#shift--;
    for (let at = 0; at < old.length; at += 2) {
      const key = old[at] as number;
      if (key === EMPTY) continue;
      let slot = this.#slotOf(key);
      while (this.#table[slot * 2] !== EMPTY) slot = (slot + 1) & this.#mask;
      this.#table[slot * 2] = key;
      this.#table[slot * 2 + 1] = old[at + 1] as number;
    }
  }
}
