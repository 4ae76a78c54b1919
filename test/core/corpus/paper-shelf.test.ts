import { describe, expect, it } from "vitest";
import { PaperShelf } from "../../../src/core/corpus/paper-shelf.js";
import type { Paper } from "../../../src/core/paper.js";
import { authorFamilies } from "../../../src/core/recommender/author-names.js";

const NOW = new Date("2026-12-06T12:00:00Z");
const DAY_MS = 86_400_000;
const paper = (id: string, daysAgo?: number): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract: "",
  authors: [],
  sources: ["arxiv"],
  ...(daysAgo === undefined ? {} : { publishedAt: new Date(NOW.getTime() - daysAgo * DAY_MS).toISOString() }),
});

/** A store holding `stored`, recording what it was asked for. */
function storeOf(stored: Paper[]) {
  const asked: string[][] = [];
  return {
    asked,
    get: async (ids: readonly string[]) => {
      asked.push([...ids]);
      return ids.flatMap((id) => stored.find((p) => p.id === id) ?? []);
    },
    bylinesByFamily: async (families: readonly string[]) =>
      stored.filter((p) => authorFamilies(p.authors).some((family) => families.includes(family))),
    since: async (since: Date) =>
      stored.filter((p) => !p.publishedAt || Date.parse(p.publishedAt) >= since.getTime()),
  };
}

describe("PaperShelf", () => {
  it("holds recent and undated papers, and reads the rest from the store, in the order asked", async () => {
    const old = paper("old", 30);
    const store = storeOf([old, paper("recent", 1)]);
    const shelf = new PaperShelf(store, 8 * DAY_MS, () => NOW);
    shelf.hold([paper("recent", 1), paper("undated"), old]);

    expect(shelf.recent().map((p) => p.id)).toEqual(["recent", "undated"]);
    expect((await shelf.get(["old", "recent", "missing", "old"])).map((p) => p.id)).toEqual([
      "old",
      "recent",
    ]);
    expect(store.asked).toEqual([["old", "missing", "old"]]);
    expect(await shelf.one("missing")).toBeUndefined();
  });

  it("lets go of papers that have grown old, and of a held paper replaced by an old version", () => {
    let now = NOW;
    const shelf = new PaperShelf(storeOf([]), 8 * DAY_MS, () => now);
    shelf.hold([paper("a", 7), paper("b", 1)]);
    now = new Date(NOW.getTime() + 2 * DAY_MS);
    shelf.hold([]);
    expect(shelf.recent().map((p) => p.id)).toEqual(["b"]);
    shelf.hold([paper("b", 20)]);
    expect(shelf.held("b")).toBeUndefined();
  });

  it("keeps pinned papers whatever their age until unpinned", () => {
    const shelf = new PaperShelf(storeOf([]), 8 * DAY_MS, () => NOW);
    shelf.pin([paper("demo", 400), paper("demo-new", 1)]);
    shelf.hold([paper("demo", 400)]);
    expect(shelf.pinned().map((p) => p.id)).toEqual(["demo", "demo-new"]);
    shelf.unpin();
    expect(shelf.recent().map((p) => p.id)).toEqual(["demo-new"]);
    expect(shelf.pinned()).toEqual([]);
  });

  it("answers papers since a date from the store, and pinned ones the store does not hold yet", async () => {
    const shelf = new PaperShelf(
      storeOf([paper("stored", 20), paper("stored-old", 90)]),
      8 * DAY_MS,
      () => NOW,
    );
    shelf.pin([paper("demo", 10), paper("demo-old", 400), paper("demo-undated")]);
    const since = new Date(NOW.getTime() - 30 * DAY_MS);
    expect((await shelf.since(since)).map((p) => p.id)).toEqual(["stored", "demo", "demo-undated"]);
  });

  it("answers the store's bylines of a family, then the pinned papers'", async () => {
    const by = (id: string, authors: string[], daysAgo?: number) => ({ ...paper(id, daysAgo), authors });
    const stored = [by("a", ["Yann LeCun"], 1), by("b", ["Geoffrey Hinton"], 90), by("c", ["LeCun, Y."])];
    const shelf = new PaperShelf(storeOf(stored), 8 * DAY_MS, () => NOW);
    shelf.pin([by("demo", ["Y. LeCun"], 400), by("demo-other", ["Yoshua Bengio"])]);
    const ids = async (names: string[]) =>
      (await shelf.bylinesByFamily(authorFamilies(names))).map((byline) => byline.id);
    expect(await ids(["Yann LeCun"])).toEqual(["a", "c", "demo"]);
    expect(await ids(["Bengio"])).toEqual(["demo-other"]);
  });
});
