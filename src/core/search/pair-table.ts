/**
 * A hash map from a pair of non-negative int32s to an int32, with open addressing in typed arrays.
 * Bigram lookups happen for every adjacent word pair of every paper; a Map keyed by a combined
 * number would leave the small-integer range and be several times slower.
 */
export class PairTable {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private values: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.firsts = new Int32Array(capacity).fill(-1);
    this.seconds = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get(first: number, second: number): number | undefined {
    const mask = this.firsts.length - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.firsts[slot] ?? -1;
      if (stored === -1) return undefined;
      if (stored === first && this.seconds[slot] === second) return this.values[slot];
    }
  }

  set(first: number, second: number, value: number): void {
    if ((this.count + 1) * 2 > this.firsts.length) this.resize();
    const mask = this.firsts.length - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.firsts[slot] ?? -1;
      if (stored === -1 || (stored === first && this.seconds[slot] === second)) {
        if (stored === -1) this.count++;
        this.firsts[slot] = first;
        this.seconds[slot] = second;
        this.values[slot] = value;
        return;
      }
    }
  }

  private resize(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(-1);
    this.seconds = new Int32Array(firsts.length * 2);
    this.values = new Int32Array(firsts.length * 2);
    this.count = 0;
    for (let slot = 0; slot < firsts.length; slot++) {
      const first = firsts[slot] ?? -1;
      if (first !== -1) this.set(first, seconds[slot] ?? 0, values[slot] ?? 0);
    }
  }
}

function hash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}
