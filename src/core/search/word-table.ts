/**
 * An open-addressing hash table from a word — given as a slice `start…end` of a larger string,
 * hashed by the caller while scanning — to an int32. Looking a word up needs no substring, so
 * indexing allocates nothing for words already seen (nearly all of them, after the first papers).
 */
export class WordTable {
  private slots = new Int32Array(1 << 16).fill(-1);
  private hashes = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private chars = new Uint16Array(1 << 16);
  private charCount = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value stored for `text.slice(start, end)`, or `missing`. */
  get(text: string, start: number, end: number, hash: number, missing: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === -1) return missing;
      if (
        this.hashes[entry] === hash &&
        this.lengths[entry] === length &&
        this.sameChars(entry, text, start)
      ) {
        return this.values[entry] as number;
      }
    }
  }

  /** Stores a word not yet in the table. */
  add(text: string, start: number, end: number, hash: number, value: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.rehash();
    const entry = this.count++;
    if (entry === this.hashes.length) this.growEntries();
    const length = end - start;
    while (this.charCount + length > this.chars.length) this.chars = grown(this.chars, Uint16Array);
    for (let i = 0; i < length; i++) this.chars[this.charCount + i] = lowerAscii(text.charCodeAt(start + i));
    this.hashes[entry] = hash;
    this.starts[entry] = this.charCount;
    this.lengths[entry] = length;
    this.values[entry] = value;
    this.charCount += length;
    this.place(entry);
  }

  /** Calls `visit` with each stored word (lower-cased) and its value, in insertion order. */
  forEach(visit: (word: string, value: number) => void): void {
    for (let entry = 0; entry < this.count; entry++) {
      const from = this.starts[entry] as number;
      visit(
        charsToString(this.chars.subarray(from, from + (this.lengths[entry] as number))),
        this.values[entry] as number,
      );
    }
  }

  private sameChars(entry: number, text: string, start: number): boolean {
    const from = this.starts[entry] as number;
    const length = this.lengths[entry] as number;
    for (let i = 0; i < length; i++) {
      if (this.chars[from + i] !== lowerAscii(text.charCodeAt(start + i))) return false;
    }
    return true;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[entry] as number) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }

  private growEntries(): void {
    this.hashes = grown(this.hashes, Int32Array);
    this.starts = grown(this.starts, Int32Array);
    this.lengths = grown(this.lengths, Int32Array);
    this.values = grown(this.values, Int32Array);
  }
}

/** A string from UTF-16 units, in slices: spreading a very long word at once would overflow the stack. */
function charsToString(units: Uint16Array): string {
  let text = "";
  for (let at = 0; at < units.length; at += 4096)
    text += String.fromCharCode(...units.subarray(at, at + 4096));
  return text;
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

function grown<T extends Int32Array | Uint16Array>(array: T, Kind: new (length: number) => T): T {
  const bigger = new Kind(array.length * 2);
  bigger.set(array);
  return bigger;
}
