import { describe, expect, it } from "vitest";
import { MAX_SAVED, type SavedPaper } from "../../../src/core/records.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { Store } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";
import { ada, bob, lab, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { aSavedPaper, emptySnapshot, plainSnapshot } from "./snapshot-fixture.js";

/** `count` papers saved a minute apart, newest first: `p<count-1>` … `p0`. */
function savedNewestFirst(count: number, savedBy = "42"): SavedPaper[] {
  return Array.from({ length: count }, (_, index) => aSavedPaper(`p${index}`, savedBy, index)).reverse();
}

/** Saves `papers` (given newest first) one after the other, oldest first, each answering "saved". */
async function saveAll(store: Store, key: TargetKey, papers: readonly SavedPaper[]): Promise<void> {
  for (const paper of [...papers].reverse()) {
    const outcome = await store.readingLists.save(key, paper);
    if (outcome !== "saved") throw new Error(`setup: ${paper.paperId} was not saved (${outcome})`);
  }
}

/** A store whose `key` holds a list of `count` papers, loaded in one replaceAll (saving 2,000 one by one is slow). */
async function withList(store: Store, key: TargetKey, count: number): Promise<SavedPaper[]> {
  const papers = savedNewestFirst(count);
  await store.replaceAll({ ...emptySnapshot(), saved: new Map([[key, papers]]) });
  return papers;
}

/** readingLists: save/unsave/list/all, the MAX_SAVED limit, and reading lists in counts, snapshot and replaceAll. */
export function readingListCases(handle: StoreHandle): void {
  describe("reading lists", () => {
    it("a target that saved nothing has an empty list", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(lab, aSavedPaper("2403.00001", "42"));
      expect(await readingLists.list(ada, { offset: 0, limit: 10 })).toStrictEqual({ papers: [], total: 0 });
      expect(await readingLists.all(ada)).toStrictEqual([]);
    });

    it("save answers saved, then already-saved: the first saver and time stay", async () => {
      const { readingLists } = handle.store;
      expect(await readingLists.save(lab, aSavedPaper("2403.00001", "42", 0))).toBe("saved");
      expect(await readingLists.save(lab, aSavedPaper("2403.00001", "43", 5))).toBe("already-saved");
      expect(await readingLists.all(lab)).toStrictEqual([aSavedPaper("2403.00001", "42", 0)]);
      expect((await handle.store.counts()).saved).toBe(1);
    });

    it("lists newest first, a page at a time, with the list's total", async () => {
      const store = handle.store;
      const papers = savedNewestFirst(5);
      await saveAll(store, lab, papers);
      const page = (offset: number, limit: number) => store.readingLists.list(lab, { offset, limit });
      expect(await page(0, 2)).toStrictEqual({ papers: papers.slice(0, 2), total: 5 });
      expect(await page(2, 2)).toStrictEqual({ papers: papers.slice(2, 4), total: 5 });
      expect(await page(4, 2)).toStrictEqual({ papers: papers.slice(4), total: 5 });
      expect(await page(5, 2)).toStrictEqual({ papers: [], total: 5 });
      expect(await page(0, 0)).toStrictEqual({ papers: [], total: 5 });
      expect(await page(0, 100)).toStrictEqual({ papers, total: 5 });
      expect(papers.map((paper) => paper.paperId)).toEqual(["p4", "p3", "p2", "p1", "p0"]);
      expect(await store.readingLists.all(lab)).toStrictEqual(papers);
    });

    it("of papers saved at one instant, the one saved last comes first", async () => {
      const { readingLists } = handle.store;
      for (const paperId of ["b", "a", "c"]) await readingLists.save(ada, aSavedPaper(paperId, "100", 0));
      await readingLists.save(ada, aSavedPaper("later", "100", 1));
      expect((await readingLists.all(ada)).map((paper) => paper.paperId)).toEqual(["later", "c", "a", "b"]);
      const second = await readingLists.list(ada, { offset: 1, limit: 2 });
      expect(second.papers.map((paper) => paper.paperId)).toEqual(["c", "a"]);
    });

    it("a save dated before others (another instance's clock) takes its place by date", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(ada, aSavedPaper("first", "100", 10));
      await readingLists.save(ada, aSavedPaper("second", "100", 20));
      await readingLists.save(ada, aSavedPaper("late", "100", 15));
      expect((await readingLists.all(ada)).map((paper) => paper.paperId)).toEqual([
        "second",
        "late",
        "first",
      ]);
    });

    it("keeps savedAt as toISOString writes it, whatever ISO form it was given in", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(ada, { paperId: "p", savedBy: "100", savedAt: "2024-03-10T08:00:00+01:00" });
      expect(await readingLists.all(ada)).toStrictEqual([
        { paperId: "p", savedBy: "100", savedAt: t0.toISOString() },
      ]);
    });

    it("a save with the saver's name reads back with it, one without reads back without", async () => {
      const { readingLists } = handle.store;
      const named = { ...aSavedPaper("named", "42", 1), savedByName: "Ada Lovelace 🏳️‍🌈" };
      const unnamed = aSavedPaper("unnamed", "43", 0);
      expect(await readingLists.save(lab, unnamed)).toBe("saved");
      expect(await readingLists.save(lab, named)).toBe("saved");
      expect(await readingLists.all(lab)).toStrictEqual([named, unnamed]);
      expect(await readingLists.list(lab, { offset: 0, limit: 5 })).toStrictEqual({
        papers: [named, unnamed],
        total: 2,
      });
      expect(await readingLists.list(lab, { offset: 1, limit: 1 })).toStrictEqual({
        papers: [unnamed],
        total: 2,
      });
      // Another member saving the paper again changes neither the saver nor the name.
      const again = { ...aSavedPaper("named", "44", 2), savedByName: "Grace Hopper" };
      expect(await readingLists.save(lab, again)).toBe("already-saved");
      expect((await readingLists.all(lab))[0]).toStrictEqual(named);
    });

    it("snapshot and replaceAll carry the savers' names, and leave out the names never given", async () => {
      const store = handle.store;
      const named = { ...aSavedPaper("named", "42", 1), savedByName: "Ada" };
      const unnamed = aSavedPaper("unnamed", "43", 0);
      await saveAll(store, lab, [named, unnamed]);
      const snapshot = await store.snapshot();
      expect(snapshot.saved.get(lab)).toStrictEqual([named, unnamed]);
      const other = await handle.fresh();
      await other.replaceAll(snapshot);
      expect(await other.readingLists.all(lab)).toStrictEqual([named, unnamed]);
      expect(plainSnapshot(await other.snapshot())).toStrictEqual(plainSnapshot(snapshot));
    });

    it("unsave removes the paper and answers true; false when it is not there", async () => {
      const { readingLists } = handle.store;
      await saveAll(handle.store, lab, savedNewestFirst(3));
      expect(await readingLists.unsave(lab, "p1")).toBe(true);
      expect(await readingLists.unsave(lab, "p1")).toBe(false);
      expect(await readingLists.unsave(lab, "never")).toBe(false);
      expect(await readingLists.unsave(ada, "p0")).toBe(false);
      expect((await readingLists.all(lab)).map((paper) => paper.paperId)).toEqual(["p2", "p0"]);
      expect(await readingLists.list(lab, { offset: 0, limit: 1 })).toStrictEqual({
        papers: [aSavedPaper("p2", "42", 2)],
        total: 2,
      });
    });

    it("a paper saved again after an unsave is new: newest, with its new saver", async () => {
      const { readingLists } = handle.store;
      await saveAll(handle.store, lab, savedNewestFirst(3));
      await readingLists.unsave(lab, "p0");
      expect(await readingLists.save(lab, aSavedPaper("p0", "77", 30))).toBe("saved");
      expect(await readingLists.all(lab)).toStrictEqual([
        aSavedPaper("p0", "77", 30),
        aSavedPaper("p2", "42", 2),
        aSavedPaper("p1", "42", 1),
      ]);
    });

    it("targets' lists are apart: a user's own and a channel's", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(ada, aSavedPaper("2403.00001", "100", 0));
      expect(await readingLists.save(lab, aSavedPaper("2403.00001", "100", 1))).toBe("saved");
      await readingLists.unsave(ada, "2403.00001");
      expect(await readingLists.all(ada)).toStrictEqual([]);
      expect(await readingLists.all(lab)).toStrictEqual([aSavedPaper("2403.00001", "100", 1)]);
    });

    it("a full list answers full and keeps its papers; an unsave makes room", async () => {
      const store = handle.store;
      const papers = await withList(store, lab, MAX_SAVED);
      expect(await store.readingLists.save(lab, aSavedPaper("one-more", "42", 5000))).toBe("full");
      // A paper it has is already saved, full or not.
      expect(await store.readingLists.save(lab, aSavedPaper("p7", "43", 5000))).toBe("already-saved");
      expect(await store.readingLists.list(lab, { offset: 0, limit: 1 })).toStrictEqual({
        papers: [papers[0]],
        total: MAX_SAVED,
      });
      expect(await store.readingLists.save(ada, aSavedPaper("one-more", "100", 5000))).toBe("saved");
      expect(await store.readingLists.unsave(lab, "p0")).toBe(true);
      expect(await store.readingLists.save(lab, aSavedPaper("one-more", "42", 5000))).toBe("saved");
      const all = await store.readingLists.all(lab);
      expect(all).toHaveLength(MAX_SAVED);
      expect(all[0]).toStrictEqual(aSavedPaper("one-more", "42", 5000));
      expect((await store.counts()).saved).toBe(MAX_SAVED + 1);
    });

    it("two saves at once into the last free place: one is saved, the other answers full", async () => {
      const store = handle.store;
      await withList(store, lab, MAX_SAVED - 1);
      const outcomes = await Promise.all([
        store.readingLists.save(lab, aSavedPaper("x", "42", 5000)),
        store.readingLists.save(lab, aSavedPaper("y", "43", 5000)),
      ]);
      expect([...outcomes].sort()).toEqual(["full", "saved"]);
      expect((await store.readingLists.list(lab, { offset: 0, limit: 0 })).total).toBe(MAX_SAVED);
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const { readingLists } = handle.store;
      const given = aSavedPaper("p", "100");
      await readingLists.save(ada, given);
      given.savedBy = "changed";
      const all = await readingLists.all(ada);
      if (all[0]) all[0].paperId = "changed";
      all.push(aSavedPaper("q", "100"));
      const page = await readingLists.list(ada, { offset: 0, limit: 5 });
      if (page.papers[0]) page.papers[0].savedAt = "changed";
      expect(await readingLists.all(ada)).toStrictEqual([aSavedPaper("p", "100")]);
    });

    it("refuses arguments of the wrong form, storing nothing", async () => {
      const { readingLists } = handle.store;
      const bad: SavedPaper[] = [
        { paperId: "", savedBy: "100", savedAt: t0.toISOString() },
        { paperId: "p", savedBy: "", savedAt: t0.toISOString() },
        { paperId: "p", savedBy: "100", savedAt: "yesterday" },
        { paperId: "p", savedBy: "100", savedByName: "", savedAt: t0.toISOString() },
        // A file or a caller that does not type-check: the name must be text.
        { paperId: "p", savedBy: "100", savedByName: 7 as unknown as string, savedAt: t0.toISOString() },
      ];
      for (const paper of bad) await expect(readingLists.save(ada, paper)).rejects.toBeInstanceOf(TypeError);
      await expect(readingLists.unsave(ada, "")).rejects.toBeInstanceOf(TypeError);
      for (const page of [
        { offset: -1, limit: 5 },
        { offset: 0, limit: -5 },
        { offset: 0.5, limit: 5 },
        { offset: 0, limit: Number.NaN },
      ]) {
        await expect(readingLists.list(ada, page)).rejects.toBeInstanceOf(RangeError);
      }
      expect((await handle.store.counts()).saved).toBe(0);
    });

    it("counts count the saved papers over all targets", async () => {
      const store = handle.store;
      await saveAll(store, lab, savedNewestFirst(3));
      await saveAll(store, ada, savedNewestFirst(2));
      expect((await store.counts()).saved).toBe(5);
      await store.readingLists.unsave(lab, "p0");
      expect((await store.counts()).saved).toBe(4);
    });

    it("snapshot carries every list newest first, and replaceAll brings them into another store", async () => {
      const store = handle.store;
      await saveAll(store, lab, savedNewestFirst(3, "42"));
      for (const paperId of ["b", "a"]) await store.readingLists.save(ada, aSavedPaper(paperId, "100", 9));
      await store.readingLists.save(bob, aSavedPaper("gone", "bob"));
      await store.readingLists.unsave(bob, "gone");
      const expected = new Map([
        [lab, savedNewestFirst(3, "42")],
        [ada, [aSavedPaper("a", "100", 9), aSavedPaper("b", "100", 9)]],
      ]);
      const snapshot = await store.snapshot();
      expect(plainSnapshot(snapshot)).toStrictEqual(plainSnapshot({ ...emptySnapshot(), saved: expected }));
      const other = await handle.fresh();
      await other.readingLists.save(bob, aSavedPaper("other", "bob"));
      await other.replaceAll(snapshot);
      expect(plainSnapshot(await other.snapshot())).toStrictEqual(plainSnapshot(snapshot));
      expect(await other.readingLists.all(bob)).toStrictEqual([]);
      // Papers saved at one instant keep their order in the copy, and the copy goes on from there.
      expect(await other.readingLists.save(ada, aSavedPaper("c", "100", 9))).toBe("saved");
      expect((await other.readingLists.all(ada)).map((paper) => paper.paperId)).toEqual(["c", "a", "b"]);
      expect((await other.counts()).saved).toBe(6);
    });

    it("replaceAll puts a list given out of order newest first", async () => {
      const store = handle.store;
      const given = [aSavedPaper("old", "1", 0), aSavedPaper("new", "1", 10), aSavedPaper("mid", "1", 5)];
      await store.replaceAll({ ...emptySnapshot(), saved: new Map([[lab, given]]) });
      expect((await store.readingLists.all(lab)).map((paper) => paper.paperId)).toEqual([
        "new",
        "mid",
        "old",
      ]);
    });
  });
}

/** Reading lists survive a restart, in their order. */
export function readingListDurabilityCases(handle: StoreHandle): void {
  describe("reading lists, after close and reopen", () => {
    it("lists survive in their order with their savers' names, unsaved papers gone", async () => {
      const { readingLists } = handle.store;
      for (const paperId of ["b", "a", "c"]) await readingLists.save(ada, aSavedPaper(paperId, "100", 0));
      await readingLists.save(ada, aSavedPaper("gone", "100", 1));
      await readingLists.unsave(ada, "gone");
      await readingLists.save(lab, { ...aSavedPaper("p", "42", 3), savedByName: "Ada" });
      const store = await handle.reopen();
      expect(await store.readingLists.all(ada)).toStrictEqual([
        aSavedPaper("c", "100", 0),
        aSavedPaper("a", "100", 0),
        aSavedPaper("b", "100", 0),
      ]);
      expect(await store.readingLists.all(lab)).toStrictEqual([
        { ...aSavedPaper("p", "42", 3), savedByName: "Ada" },
      ]);
      expect(await store.readingLists.save(ada, aSavedPaper("d", "100", 0))).toBe("saved");
      expect((await store.readingLists.all(ada))[0]?.paperId).toBe("d");
    });
  });
}

/** A write the storage refuses rejects with StoreWriteError and leaves the list as it was. */
export function readingListFailureCases(handle: StoreHandle): void {
  describe("reading lists, when a write fails", () => {
    it("a failed save rejects with StoreWriteError and adds nothing; the next save works", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(lab, aSavedPaper("p0", "42", 0));
      handle.failNextWrite();
      await expect(readingLists.save(lab, aSavedPaper("p1", "42", 1))).rejects.toBeInstanceOf(
        StoreWriteError,
      );
      expect(await readingLists.list(lab, { offset: 0, limit: 10 })).toStrictEqual({
        papers: [aSavedPaper("p0", "42", 0)],
        total: 1,
      });
      expect(await readingLists.save(lab, aSavedPaper("p1", "42", 1))).toBe("saved");
      expect((await handle.store.counts()).saved).toBe(2);
    });

    it("a failed unsave rejects with StoreWriteError and keeps the paper", async () => {
      const { readingLists } = handle.store;
      await readingLists.save(lab, aSavedPaper("p0", "42", 0));
      handle.failNextWrite();
      await expect(readingLists.unsave(lab, "p0")).rejects.toBeInstanceOf(StoreWriteError);
      expect(await readingLists.all(lab)).toStrictEqual([aSavedPaper("p0", "42", 0)]);
      expect(await readingLists.unsave(lab, "p0")).toBe(true);
    });

    it("a failed replaceAll keeps every list as it was", async () => {
      const store = handle.store;
      await store.readingLists.save(ada, aSavedPaper("kept", "100"));
      handle.failNextWrite();
      const replacing = store.replaceAll({
        ...emptySnapshot(),
        saved: new Map([[lab, [aSavedPaper("new", "42")]]]),
      });
      await expect(replacing).rejects.toBeInstanceOf(StoreWriteError);
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(
        plainSnapshot({ ...emptySnapshot(), saved: new Map([[ada, [aSavedPaper("kept", "100")]]]) }),
      );
    });
  });
}

/** Several instances saving to one list: MAX_SAVED holds across them. */
export function sharedReadingListCases(handle: StoreHandle): void {
  describe("reading lists, from several instances", () => {
    it("saves from two instances into the last free places never pass MAX_SAVED", async () => {
      const first = handle.store;
      await withList(first, lab, MAX_SAVED - 3);
      const second = await handle.another();
      const save = (store: Store, paperId: string) =>
        store.readingLists.save(lab, aSavedPaper(paperId, "42", 5000));
      const outcomes = await Promise.all([
        ...["a1", "a2", "a3"].map((paperId) => save(first, paperId)),
        ...["b1", "b2", "b3"].map((paperId) => save(second, paperId)),
      ]);
      expect(outcomes.filter((outcome) => outcome === "saved")).toHaveLength(3);
      expect(outcomes.filter((outcome) => outcome === "full")).toHaveLength(3);
      expect((await second.readingLists.list(lab, { offset: 0, limit: 0 })).total).toBe(MAX_SAVED);
      expect(await first.readingLists.all(lab)).toHaveLength(MAX_SAVED);
    });
  });
}
