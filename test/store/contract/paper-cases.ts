import { describe, expect, it } from "vitest";
import { aPaper } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

/** papers: the corpus, kept in the order first stored. */
export function paperCases(handle: StoreHandle): void {
  describe("papers", () => {
    it("starts empty", async () => {
      expect(await handle.store.papers.all()).toEqual([]);
      expect(await handle.store.papers.count()).toBe(0);
    });

    it("all answers every paper in the order first stored, across puts", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("2403.00003"), aPaper("2403.00001")]);
      await papers.put([aPaper("hf-seed-1", { publishedAt: undefined, url: undefined, sources: ["seed"] })]);
      await papers.put([aPaper("2403.00002", { upvotes: 12, sources: ["hf", "arxiv"] })]);
      expect(await papers.all()).toEqual([
        aPaper("2403.00003"),
        aPaper("2403.00001"),
        aPaper("hf-seed-1", { publishedAt: undefined, url: undefined, sources: ["seed"] }),
        aPaper("2403.00002", { upvotes: 12, sources: ["hf", "arxiv"] }),
      ]);
      expect(await papers.count()).toBe(4);
    });

    it("put replaces a paper with the same id, which keeps its original position", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a"), aPaper("b"), aPaper("c")]);
      const revised = aPaper("b", { title: "Revised title", upvotes: 40, sources: ["arxiv", "hf"] });
      await papers.put([aPaper("d"), revised]);
      expect(await papers.all()).toEqual([aPaper("a"), revised, aPaper("c"), aPaper("d")]);
      expect(await papers.count()).toBe(4);
    });

    it("put of nothing changes nothing", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a")]);
      await papers.put([]);
      expect(await papers.all()).toEqual([aPaper("a")]);
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const { papers } = handle.store;
      const given = aPaper("a");
      await papers.put([given]);
      given.authors.push("Changed by the caller");
      const [got] = await papers.all();
      got?.sources.push("rss");
      if (got) got.title = "Changed";
      expect(await papers.all()).toEqual([aPaper("a")]);
    });
  });
}
