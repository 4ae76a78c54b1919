import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import type { PapersVersion, Store } from "../../../src/core/store/port.js";
import { aPaper } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

/** The ids changedSince answers from `since`, and the version it brings the caller to. */
async function changedIds(store: Store, since: PapersVersion): Promise<[string[], PapersVersion]> {
  const { papers, version } = await store.papers.changedSince(since);
  return [papers.map((paper) => paper.id), version];
}

const revisedB = (): Paper => aPaper("b", { title: "Revised", upvotes: 40 });

/** papers.version and changedSince: how an instance learns of the papers another one stored. */
export function paperVersionCases(handle: StoreHandle): void {
  describe("papers: version and changedSince", () => {
    it("an empty store's version: nothing changed since until a paper is put", async () => {
      const { papers } = handle.store;
      const start = await papers.version();
      expect(start).toEqual(expect.any(Number));
      const changed = await papers.changedSince(start);
      expect(changed.papers).toEqual([]);
      expect((await papers.changedSince(changed.version)).papers).toEqual([]);
      await papers.put([aPaper("a")]);
      expect((await papers.changedSince(start)).papers).toEqual([aPaper("a")]);
    });

    it("the version grows with each put that stores something", async () => {
      const { papers } = handle.store;
      const empty = await papers.version();
      await papers.put([aPaper("a")]);
      const one = await papers.version();
      await papers.put([aPaper("b"), aPaper("c")]);
      const three = await papers.version();
      await papers.put([revisedB()]);
      const replaced = await papers.version();
      expect(one).toBeGreaterThan(empty);
      expect(three).toBeGreaterThan(one);
      expect(replaced).toBeGreaterThan(three);
    });

    it("changedSince answers exactly the papers put after the version, new and replaced, in the order stored", async () => {
      const { papers } = handle.store;
      const start = await papers.version();
      await papers.put([aPaper("a"), aPaper("b"), aPaper("c")]);
      const middle = await papers.version();
      await papers.put([aPaper("d"), revisedB()]);
      await papers.put([aPaper("e")]);
      const changed = await papers.changedSince(middle);
      expect(changed.papers).toEqual([aPaper("d"), revisedB(), aPaper("e")]);
      expect(await changedIds(handle.store, start)).toEqual([["a", "c", "d", "b", "e"], changed.version]);
      // From the version it answered, nothing until something else is put.
      expect(await changedIds(handle.store, changed.version)).toEqual([[], changed.version]);
      await papers.put([aPaper("f"), aPaper("a", { title: "Revised a" })]);
      const [ids, next] = await changedIds(handle.store, changed.version);
      expect(ids).toEqual(["f", "a"]);
      expect((await papers.changedSince(next)).papers).toEqual([]);
    });

    it("a put of nothing brings no change", async () => {
      const { papers } = handle.store;
      await papers.put([aPaper("a")]);
      const before = await papers.version();
      await papers.put([]);
      expect((await papers.changedSince(before)).papers).toEqual([]);
    });

    it("hands out copies: changing a changed paper changes nothing stored", async () => {
      const { papers } = handle.store;
      const start = await papers.version();
      await papers.put([aPaper("a")]);
      const [changed] = (await papers.changedSince(start)).papers;
      changed?.authors.push("Changed");
      if (changed) changed.title = "Changed";
      expect(await papers.all()).toEqual([aPaper("a")]);
      expect((await papers.changedSince(start)).papers).toEqual([aPaper("a")]);
    });
  });
}

/** A version held across a restart still points at the same place in the papers' history. */
export function paperVersionDurabilityCases(handle: StoreHandle): void {
  describe("papers: version, after close and reopen", () => {
    it("a version taken before close answers exactly the papers put after it", async () => {
      await handle.store.papers.put([aPaper("a"), aPaper("b")]);
      const before = await handle.store.papers.version();
      const store = await handle.reopen();
      expect((await store.papers.changedSince(before)).papers).toEqual([]);
      await store.papers.put([aPaper("c"), revisedB()]);
      const [ids, version] = await changedIds(store, before);
      expect(ids).toEqual(["c", "b"]);
      expect((await store.papers.changedSince(version)).papers).toEqual([]);
    });
  });
}

/** Papers one instance stores, the others learn of through changedSince. */
export function sharedPaperVersionCases(handle: StoreHandle): void {
  describe("papers: version and changedSince, several instances on one storage", () => {
    it("papers put by one instance are seen by the other's changedSince", async () => {
      const first = handle.store;
      const second = await handle.another();
      const seen = await second.papers.version();
      await first.papers.put([aPaper("a"), aPaper("b")]);
      const [ids, version] = await changedIds(second, seen);
      expect(ids).toEqual(["a", "b"]);
      await first.papers.put([revisedB(), aPaper("c")]);
      const changed = await second.papers.changedSince(version);
      expect(changed.papers).toEqual([revisedB(), aPaper("c")]);
      const firstSeen = await first.papers.version();
      await second.papers.put([aPaper("d")]);
      expect((await first.papers.changedSince(firstSeen)).papers).toEqual([aPaper("d")]);
      expect((await second.papers.changedSince(changed.version)).papers).toEqual([aPaper("d")]);
    });
  });
}
