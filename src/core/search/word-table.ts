/** Each slot holds a word's two hashes, its length and its value. */
const STRIDE = 4;
const EMPTY = 0;

/**
 * An open-addressing hash table from a word to an int32, the word given by its length and two
 * independent 32-bit hashes that the caller computes while scanning (`hashStep`, `hashStep2`). A
 * look-up reads one slot and no characters, so indexing allocates nothing and compares nothing
 * for words already seen. Two words share an entry only if both hashes and the length agree: the
 * two hashes carry some 63 independent bits (their lowest bits follow the same parity), a collision
 * far rarer than a hardware fault.
 */
export class WordTable {
  /** `length` 0 marks an empty slot (words are never empty). */
  private slots = new Int32Array(STRIDE << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value stored for the word with these hashes and length, or `missing`. */
  get(hash: number, hash2: number, length: number, missing: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const stored = slots[at + 2] as number;
      if (stored === EMPTY) return missing;
      if (slots[at] === hash && slots[at + 1] === hash2 && stored === length) return slots[at + 3] as number;
    }
  }

  /** Stores a word not yet in the table (an empty one is not stored). */
  add(hash: number, hash2: number, length: number, value: number): void {
    if (length <= 0) return;
    if ((this.count + 1) * 2 > this.slots.length / STRIDE) this.rehash();
    this.place(hash, hash2, length, value);
    this.count++;
  }

  /** Replaces each value `v` of 0 or more by `values[v]` (negative values are marks, kept). */
  remap(values: Int32Array): void {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += STRIDE) {
      const value = slots[at + 3] as number;
      if (slots[at + 2] !== EMPTY && value >= 0) slots[at + 3] = values[value] as number;
    }
  }

  private place(hash: number, hash2: number, length: number, value: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = hash & mask;
    while (slots[slot * STRIDE + 2] !== EMPTY) slot = (slot + 1) & mask;
    const at = slot * STRIDE;
    slots[at] = hash;
    slots[at + 1] = hash2;
    slots[at + 2] = length;
    slots[at + 3] = value;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += STRIDE) {
      const length = old[at + 2] as number;
      if (length !== EMPTY)
        this.place(old[at] as number, old[at + 1] as number, length, old[at + 3] as number);
    }
  }
}

/**
 * The two hash steps the caller folds each lower-cased UTF-16 unit of a word into, from the two
 * seeds: FNV-1a, and the same shape with MurmurHash's multiplier, so that the two are independent.
 */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_SEED2 = 0x5f356495;
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}
export function hashStep2(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x5bd1e995);
}
