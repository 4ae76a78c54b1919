/** Each slot holds a word's hash, where its units start in `units`, its length and its value. */
const STRIDE = 4;
const EMPTY = 0;

/**
 * An open-addressing hash table from a word — given as a slice `start…end` of a larger string or
 * byte buffer, hashed by the caller while scanning — to an int32. Looking a word up needs no
 * substring, so indexing allocates nothing for words already seen (nearly all of them, after the
 * first papers). A slot keeps everything a probe compares side by side: one cache line, then the
 * word's units.
 */
export class WordTable {
  /** `length` 0 marks an empty slot (words are never empty). */
  private slots = new Int32Array(STRIDE << 16);
  private units = new Uint16Array(1 << 16);
  private unitCount = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value stored for `text.slice(start, end)` (ASCII capitals read as lower case), or `missing`. */
  get(text: string, start: number, end: number, hash: number, missing: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const stored = slots[at + 2] as number;
      if (stored === EMPTY) return missing;
      if (
        slots[at] === hash &&
        stored === length &&
        this.sameText(slots[at + 1] as number, text, start, length)
      ) {
        return slots[at + 3] as number;
      }
    }
  }

  /** Like `get` for a word given as lower-case ASCII bytes `bytes[start…end-1]`. */
  getBytes(bytes: Uint8Array, start: number, end: number, hash: number, missing: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const stored = slots[at + 2] as number;
      if (stored === EMPTY) return missing;
      if (
        slots[at] === hash &&
        stored === length &&
        this.sameBytes(slots[at + 1] as number, bytes, start, length)
      ) {
        return slots[at + 3] as number;
      }
    }
  }

  /** Stores a word not yet in the table (an empty one is not stored). */
  add(text: string, start: number, end: number, hash: number, value: number): void {
    const length = end - start;
    if (length <= 0) return;
    if ((this.count + 1) * 2 > this.slots.length / STRIDE) this.rehash();
    while (this.unitCount + length > this.units.length) this.units = grown(this.units);
    for (let i = 0; i < length; i++) this.units[this.unitCount + i] = lowerAscii(text.charCodeAt(start + i));
    this.place(hash, this.unitCount, length, value);
    this.unitCount += length;
    this.count++;
  }

  private sameText(from: number, text: string, start: number, length: number): boolean {
    for (let i = 0; i < length; i++) {
      if (this.units[from + i] !== lowerAscii(text.charCodeAt(start + i))) return false;
    }
    return true;
  }

  private sameBytes(from: number, bytes: Uint8Array, start: number, length: number): boolean {
    const units = this.units;
    for (let i = 0; i < length; i++) {
      if (units[from + i] !== bytes[start + i]) return false;
    }
    return true;
  }

  private place(hash: number, from: number, length: number, value: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = hash & mask;
    while (slots[slot * STRIDE + 2] !== EMPTY) slot = (slot + 1) & mask;
    const at = slot * STRIDE;
    slots[at] = hash;
    slots[at + 1] = from;
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

/** Words are matched case-folded: callers may pass unfolded ASCII text and hash folded units. */
function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** FNV-1a step: the caller folds each UTF-16 unit of a word into its hash as it scans. */
export const HASH_SEED = 0x811c9dc5 | 0;
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}

function grown(array: Uint16Array): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
