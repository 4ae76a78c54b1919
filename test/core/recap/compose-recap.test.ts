import { describe, expect, it } from "vitest";
import { composeRecap, type RecapInput } from "../../../src/core/recap/compose-recap.js";
import type { Paper } from "../../../src/core/paper.js";
import type { SavedPaper } from "../../../src/core/records.js";
import type { PaperVotes } from "../../../src/core/store/port.js";

const KEY = "discord:channel:900";
const papers = new Map<string, Paper>(
  Array.from({ length: 12 }, (_, index) => {
    const id = `2612.${String(index).padStart(5, "0")}`;
    return [
      id,
      { id, title: `Paper ${index}`, abstract: "An abstract.", authors: ["A. Author"], sources: ["arxiv"] },
    ];
  }),
);
const id = (index: number) => `2612.${String(index).padStart(5, "0")}`;
const votes = (index: number, up: number, down: number): PaperVotes => ({ paperId: id(index), up, down });
const saved = (index: number, by: string, at = "2026-12-09T10:00:00.000Z"): SavedPaper => ({
  paperId: id(index),
  savedBy: by,
  savedAt: at,
});
const recap = (input: Partial<RecapInput>) =>
  composeRecap({
    key: KEY,
    votes: [],
    saved: [],
    paper: (paperId) => papers.get(paperId),
    weekLabel: "2026-W50",
    ...input,
  });

describe("composeRecap", () => {
  it("lists the week's most-voted papers best balance first, each with its tally", () => {
    const reply = recap({ votes: [votes(1, 2, 0), votes(2, 5, 1), votes(3, 3, 3), votes(4, 4, 2)] });
    expect(reply?.title).toBe("Weekly recap · 2026-W50");
    expect(reply?.private).toBe(false);
    expect(reply?.cards.map((card) => [card.title, card.why])).toEqual([
      ["Paper 2", "👍 5 · 👎 1 this week"],
      // Equal balance: more votes first.
      ["Paper 4", "👍 4 · 👎 2 this week"],
      ["Paper 1", "👍 2 · 👎 0 this week"],
      ["Paper 3", "👍 3 · 👎 3 this week"],
    ]);
    expect(reply?.lines.join("\n")).toMatch(/Most voted in this channel this week, best first: 4 papers/);
    // Members can still vote on or save a paper from the recap.
    expect(reply?.cards[0]?.buttons.map((button) => button.action)).toContain(`save:${id(2)}`);
  });

  it("then the papers saved this week with who saved them, at most five of each, none twice", () => {
    const reply = recap({
      votes: [1, 2, 3, 4, 5, 6, 7].map((index) => votes(index, 10 - index, 0)),
      saved: [
        saved(2, "alice"),
        saved(8, "bob"),
        saved(9, "carol"),
        saved(10, "dan"),
        saved(11, "eve"),
        saved(0, "fay"),
        saved(6, "gus"),
      ],
    });
    const ids = reply?.cards.map((card) => card.id) ?? [];
    expect(ids).toEqual([id(1), id(2), id(3), id(4), id(5), id(8), id(9), id(10), id(11), id(0)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(reply?.cards[1]?.why).toBe("👍 8 · 👎 0 this week · saved 2026-12-09 by alice");
    expect(reply?.cards[5]?.why).toBe("saved 2026-12-09 by bob");
    expect(reply?.lines.join("\n")).toMatch(/Also saved to this channel's reading list this week: 5 papers/);
  });

  it("names who saved a paper by the name kept with it, and by the id for an older save without one", () => {
    const reply = recap({
      votes: [votes(1, 2, 0)],
      saved: [{ ...saved(1, "7", "2026-12-10T10:00:00.000Z"), savedByName: "Ada Lovelace" }, saved(2, "8")],
    });
    expect(reply?.cards.map((card) => card.why)).toEqual([
      "👍 2 · 👎 0 this week · saved 2026-12-10 by Ada Lovelace",
      "saved 2026-12-09 by 8",
    ]);
  });

  it("answers null for a week without votes or saves, so nothing is posted", () => {
    expect(recap({})).toBeNull();
    // Papers the corpus no longer holds cannot be shown either.
    expect(
      recap({
        votes: [{ paperId: "gone", up: 3, down: 0 }],
        saved: [{ ...saved(0, "x"), paperId: "gone2" }],
      }),
    ).toBeNull();
  });

  it("posts saves alone when nothing was voted on, worded for a Telegram group", () => {
    const reply = recap({ key: "telegram:channel:-100", saved: [saved(3, "42")] });
    expect(reply?.cards.map((card) => card.id)).toEqual([id(3)]);
    expect(reply?.lines).toEqual(["Saved to this group's reading list this week: 1 paper."]);
  });
});
