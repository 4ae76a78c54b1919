import { describe, expect, it } from "vitest";
import { TermNumbers } from "../../../src/core/recommender/term-numbers.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

describe("TermNumbers", () => {
  it("numbers terms 0, 1, 2, … in order of first sight and knows no other term", () => {
    const numbers = new TermNumbers();
    expect(numbers.numberOf(7)).toBe(-1);
    expect([numbers.add(42), numbers.add(7), numbers.add(42), numbers.add(0)]).toEqual([0, 1, 0, 2]);
    expect(numbers.size).toBe(3);
    expect([numbers.numberOf(42), numbers.numberOf(7), numbers.numberOf(0), numbers.numberOf(8)]).toEqual([
      0, 1, 2, -1,
    ]);
  });

  it("keeps every number while it grows to tens of thousands of terms", () => {
    const random = seededRandom(5);
    const numbers = new TermNumbers();
    const expected = new Map<number, number>();
    const added: number[] = [];
    const wanted: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const term = Math.floor(random() * 2_000_000);
      if (!expected.has(term)) expected.set(term, expected.size);
      added.push(numbers.add(term));
      wanted.push(expected.get(term) ?? -1);
    }
    expect(added).toEqual(wanted);
    expect(numbers.size).toBe(expected.size);
    expect([...expected.keys()].map((term) => numbers.numberOf(term))).toEqual([...expected.values()]);
    const unknown = Array.from({ length: 1000 }, (_, i) => numbers.numberOf(2_000_000 + i));
    expect(unknown.every((number) => number === -1)).toBe(true);
  });
});
