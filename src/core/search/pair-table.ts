/**
 * A hash map from a pair of non-negative int32s to an int32, with open addressing in one typed
 * array (first, second and value side by side, so a probe touches one cache line). Bigram lookups
 * happen for every adjacent word pair of every paper; a Map keyed by a combined number would leave
 * the small-integer range and be several times slower.
 */
export class PairTable {
  private slots: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.slots = new Int32Array(capacity * 3).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  get(first: number, second: number): number | undefined {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const stored = slots[at] as number;
      if (stored === -1) return undefined;
      if (stored === first && slots[at + 1] === second) return slots[at + 2];
    }
  }

  set(first: number, second: number, value: number): void {
    if ((this.count + 1) * 2 > this.slots.length / 3) this.resize();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const stored = slots[at] as number;
      if (stored === -1 || (stored === first && slots[at + 1] === second)) {
        if (stored === -1) this.count++;
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = value;
        return;
      }
    }
  }

  /** The same pairs and values, each number `n` of them (all are ids of 0 or more) replaced by `ids[n]`. */
  remapped(ids: Int32Array): PairTable {
    const table = new PairTable(this.slots.length / 3);
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 3) {
      const first = slots[at] as number;
      if (first === -1) continue;
      table.set(
        ids[first] as number,
        ids[slots[at + 1] as number] as number,
        ids[slots[at + 2] as number] as number,
      );
    }
    return table;
  }

  private resize(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) {
      const first = old[at] as number;
      if (first !== -1) this.set(first, old[at + 1] as number, old[at + 2] as number);
    }
  }
}

function hash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}
