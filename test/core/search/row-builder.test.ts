import { describe, expect, it } from "vitest";
import { RowBuilder } from "../../../src/core/search/row-builder.js";

/** Rows of 40 terms each (some repeated within a row), from row `first` on. */
function fill(rows: RowBuilder, count: number, first = 0): void {
  for (let row = first; row < first + count; row++) {
    for (let k = 0; k < 40; k++) rows.add((row * 7 + k * 13) % 500, 1 + (k % 3));
    rows.endRow();
  }
}

describe("RowBuilder", () => {
  for (const shared of [true, false]) {
    it(`counts the same rows when it cannot reserve the room it was asked for (${shared ? "shared" : "own"} memory)`, () => {
      // Four tebibytes of entries: more than a process here may reserve; the builder takes what it can.
      const unreservable = new RowBuilder(100, 2 ** 40, shared);
      const sized = new RowBuilder(100, 4_000, shared);
      fill(unreservable, 300);
      fill(sized, 300);
      const [a, b] = [unreservable.cut(0), sized.cut(0)];
      expect(a.count).toBe(300);
      expect([...a.start]).toEqual([...b.start]);
      expect([...a.entries]).toEqual([...b.entries]);
      expect(a.entries.length).toBeGreaterThan(300 * 30);
    });
  }

  it("gives each block cut a buffer of its own, or a view of shared memory, with the same rows", () => {
    const own = new RowBuilder(100, 2_000);
    const shared = new RowBuilder(100, 2_000, true);
    const blocks = [own, shared].map((rows) => {
      fill(rows, 50);
      const first = rows.cut(0);
      fill(rows, 50, 50);
      return [first, rows.cut(50)];
    });
    const [ownBlocks, sharedBlocks] = blocks as [(typeof blocks)[0], (typeof blocks)[0]];
    for (const k of [0, 1]) {
      const [mine, theirs] = [ownBlocks[k], sharedBlocks[k]];
      expect([...(mine?.start ?? [])]).toEqual([...(theirs?.start ?? [])]);
      expect([...(mine?.entries ?? [])]).toEqual([...(theirs?.entries ?? [])]);
      expect(mine?.entries.buffer).toBeInstanceOf(ArrayBuffer);
      expect(mine?.entries.byteLength).toBe(mine?.entries.buffer.byteLength);
      expect(theirs?.entries.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    // Terms of the first block come again in the second: counted afresh there, never first seen again.
    expect(own.firstSeen.terms.length).toBe(shared.firstSeen.terms.length);
    expect([...own.firstSeen.rows]).toEqual([...shared.firstSeen.rows]);
  });
});
