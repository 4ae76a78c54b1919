import { describe, expect, it } from "vitest";
import { RowBuilder } from "../../../src/core/search/row-builder.js";

/** Rows of a few terms each, some repeated within a row. */
function fill(rows: RowBuilder, count: number): void {
  for (let row = 0; row < count; row++) {
    for (let k = 0; k < 40; k++) rows.add((row * 7 + k * 13) % 500, 1 + (k % 3));
    rows.endRow();
  }
}

describe("RowBuilder", () => {
  it("counts the same rows when it cannot reserve the room it was asked for (address space limited)", () => {
    // Four tebibytes of entries: no process here may reserve that; the builder starts smaller and grows.
    const unreservable = new RowBuilder(100, 2 ** 40);
    const sized = new RowBuilder(100, 4_000);
    fill(unreservable, 300);
    fill(sized, 300);
    const [a, b] = [unreservable.cut(0), sized.cut(0)];
    expect(a.count).toBe(300);
    expect([...a.start]).toEqual([...b.start]);
    expect([...a.entries]).toEqual([...b.entries]);
    expect(a.entries.length).toBeGreaterThan(300 * 30);
  });
});
