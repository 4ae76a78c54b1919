import { describe, expect, it } from "vitest";
import { heaviestPlaces } from "../../../src/core/search/heaviest-places.js";
import { packEntry } from "../../../src/core/search/term-entry.js";
import { seededRandom } from "../../../scripts/bench/synthetic-corpus.js";

/** The places sorting chooses: the `keep` heaviest positive weights, ties to the lower term, ascending. */
function bySorting(weights: number[], terms: number[], keep: number): number[] {
  return weights
    .map((weight, place) => ({ weight, term: terms[place] as number, place }))
    .filter(({ weight }) => weight > 0)
    .sort((a, b) => b.weight - a.weight || a.term - b.term)
    .slice(0, keep)
    .map(({ place }) => place)
    .sort((a, b) => a - b);
}

function chosenBy(weights: number[], terms: number[], keep: number, from = 3): number[] {
  const entries = new Uint32Array(from + terms.length);
  terms.forEach((term, place) => (entries[from + place] = packEntry(term, 1)));
  const chosen = new Int32Array(keep);
  const kept = heaviestPlaces(Float64Array.from(weights), weights.length, entries, from, keep, chosen);
  return Array.from(chosen.subarray(0, kept));
}

describe("heaviestPlaces (a paper's sketch terms)", () => {
  const random = seededRandom(9);

  it("chooses what sorting chooses, on rows full of equal weights and of weights far out of the usual range", () => {
    const palettes = [
      [1, 1.5, 2, 2.25, 3, 4.75, 9, 9, 12.5],
      [0, 0, 1e-9, 0.3, 1, 1e6, 1e6, 7],
      [5, 5, 5, 5],
    ];
    for (let round = 0; round < 300; round++) {
      const palette = palettes[round % palettes.length] as number[];
      const size = 1 + Math.floor(random() * 200);
      const weights = Array.from(
        { length: size },
        () => palette[Math.floor(random() * palette.length)] as number,
      );
      const terms = Array.from({ length: size }, () => Math.floor(random() * 1000));
      for (const keep of [1, 5, 48])
        expect(chosenBy(weights, terms, keep)).toEqual(bySorting(weights, terms, keep));
    }
  });

  it("keeps every positive weight of a row that has no more than it keeps, and none of a row of zeros", () => {
    expect(chosenBy([0, 2, 0, 1], [4, 3, 2, 1], 48)).toEqual([1, 3]);
    expect(chosenBy([0, 0, 0], [1, 2, 3], 2)).toEqual([]);
  });

  it("breaks a tie at the cut by the lower term, wherever in the row it stands", () => {
    expect(chosenBy([3, 7, 3, 3], [90, 5, 12, 40], 2)).toEqual([1, 2]);
  });
});
