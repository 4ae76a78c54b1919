import { describe, expect, it } from "vitest";
import { type Library, type LibraryPaper, MAX_LIBRARY_PAPERS } from "../../../src/core/records.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { TargetKey } from "../../../src/core/target.js";
import { ada, aLibrary, aLibraryPaper, bob, lab, minutesAfter, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { emptySnapshot, plainSnapshot } from "./snapshot-fixture.js";

/** A second import: other papers, a later time. */
function anotherLibrary(): Library {
  return {
    importedAt: minutesAfter(t0, 60).toISOString(),
    papers: [aLibraryPaper({ title: "Attention is all you need", year: 2017, arxivId: "1706.03762" })],
  };
}

/** A library as large as an import keeps, with text JSON and SQL must both carry unchanged. */
function aFullLibrary(tag: string): Library {
  const papers = Array.from({ length: MAX_LIBRARY_PAPERS }, (_, index): LibraryPaper =>
    aLibraryPaper({
      title: `${tag} ${index}: “quoted” \\ back\\slash, émigré, 😀, 'single', "double"`,
      abstract: index % 3 === 0 ? undefined : `Abstract ${index}.\nSecond line\twith a tab.`,
      authors: index % 5 === 0 ? [] : [`Author ${index}`, "Ünal Çelik"],
      year: index % 7 === 0 ? undefined : 2024 - (index % 30),
      arxivId: index % 2 === 0 ? `2403.${String(index).padStart(5, "0")}` : undefined,
      doi: index % 4 === 0 ? undefined : `10.1000/${tag}.${index}`,
    }),
  );
  return { importedAt: t0.toISOString(), papers };
}

/** libraries: get/put/delete/sizes, and libraries in counts, snapshot and replaceAll. */
export function libraryCases(handle: StoreHandle): void {
  describe("libraries", () => {
    it("get of a target without a library is undefined", async () => {
      const { libraries } = handle.store;
      expect(await libraries.get(ada)).toBeUndefined();
      await libraries.put(lab, aLibrary());
      expect(await libraries.get(ada)).toBeUndefined();
    });

    it("put then get answers the library exactly: papers in order, absent fields absent", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      const stored = await libraries.get(ada);
      expect(stored).toStrictEqual(aLibrary());
      // toStrictEqual already fails on a key holding undefined; this names the case plainly.
      expect(Object.keys(stored?.papers[0] ?? {}).sort()).toEqual(["arxivId", "authors", "title"]);
    });

    it("a library as large as an import keeps round-trips exactly", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aFullLibrary("ada"));
      expect(await libraries.get(ada)).toStrictEqual(aFullLibrary("ada"));
      expect(await libraries.sizes([ada])).toEqual(new Map([[ada, MAX_LIBRARY_PAPERS]]));
    });

    it("an empty library is a library: get answers it and sizes counts 0", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, { importedAt: t0.toISOString(), papers: [] });
      expect(await libraries.get(ada)).toStrictEqual({ importedAt: t0.toISOString(), papers: [] });
      expect(await libraries.sizes([ada])).toEqual(new Map([[ada, 0]]));
    });

    it("put replaces the whole library: no paper of the old one is left", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      await libraries.put(lab, aLibrary());
      await libraries.put(ada, anotherLibrary());
      expect(await libraries.get(ada)).toStrictEqual(anotherLibrary());
      expect(await libraries.get(lab)).toStrictEqual(aLibrary());
    });

    it("delete removes the library and answers true; then false, and false for a target without one", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      await libraries.put(lab, anotherLibrary());
      expect(await libraries.delete(ada)).toBe(true);
      expect(await libraries.get(ada)).toBeUndefined();
      expect(await libraries.delete(ada)).toBe(false);
      expect(await libraries.delete(bob)).toBe(false);
      expect(await libraries.get(lab)).toStrictEqual(anotherLibrary());
    });

    it("sizes answers each asked key's paper count; keys without a library are absent", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      await libraries.put(lab, anotherLibrary());
      const other: TargetKey = "discord:channel:7";
      await libraries.put(other, aLibrary());
      expect(await libraries.sizes([ada, lab, bob, ada])).toEqual(
        new Map([
          [ada, 3],
          [lab, 1],
        ]),
      );
      expect(await libraries.sizes([])).toEqual(new Map());
      await libraries.delete(lab);
      expect(await libraries.sizes([lab, ada])).toEqual(new Map([[ada, 3]]));
    });

    it("a library and a profile are apart: changing one leaves the other as it was", async () => {
      const store = handle.store;
      await store.profiles.update(ada, t0, (profile) => void profile.liked.push("2403.00001"));
      const profile = await store.profiles.get(ada);
      await store.libraries.put(ada, aLibrary());
      expect(await store.profiles.get(ada)).toStrictEqual(profile);
      await store.profiles.update(ada, minutesAfter(t0, 1), (changed) => void changed.liked.push("x"));
      expect(await store.libraries.get(ada)).toStrictEqual(aLibrary());
      await store.libraries.delete(ada);
      expect((await store.profiles.get(ada))?.liked).toEqual(["2403.00001", "x"]);
    });

    it("hands out copies and keeps none of the caller's objects", async () => {
      const { libraries } = handle.store;
      const given = aLibrary();
      await libraries.put(ada, given);
      given.papers[1]?.authors.push("Changed");
      given.papers.pop();
      given.importedAt = "changed";
      const got = await libraries.get(ada);
      got?.papers[0]?.authors.push("Changed");
      got?.papers.push(aLibraryPaper());
      expect(await libraries.get(ada)).toStrictEqual(aLibrary());
    });

    it("counts count the targets with a library", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      await libraries.put(lab, aLibrary());
      await libraries.put(ada, anotherLibrary());
      expect((await handle.store.counts()).libraries).toBe(2);
      await libraries.delete(lab);
      expect((await handle.store.counts()).libraries).toBe(1);
    });

    it("snapshot carries every library, and replaceAll brings them into another store", async () => {
      const store = handle.store;
      await store.libraries.put(ada, aFullLibrary("ada"));
      await store.libraries.put(lab, aFullLibrary("lab"));
      await store.libraries.put(bob, aLibrary());
      const snapshot = await store.snapshot();
      expect(plainSnapshot(snapshot)).toStrictEqual(
        plainSnapshot({
          ...emptySnapshot(),
          libraries: new Map([
            [ada, aFullLibrary("ada")],
            [lab, aFullLibrary("lab")],
            [bob, aLibrary()],
          ]),
        }),
      );
      const other = await handle.fresh();
      await other.libraries.put("discord:channel:7", aLibrary());
      await other.replaceAll(snapshot);
      expect(plainSnapshot(await other.snapshot())).toStrictEqual(plainSnapshot(await store.snapshot()));
      expect(await other.libraries.get("discord:channel:7")).toBeUndefined();
      expect(await other.libraries.sizes([ada, lab, bob])).toEqual(
        new Map([
          [ada, MAX_LIBRARY_PAPERS],
          [lab, MAX_LIBRARY_PAPERS],
          [bob, 3],
        ]),
      );
      expect((await other.counts()).libraries).toBe(3);
    });
  });
}

/** Libraries survive a restart: what an import stored is there after close and reopen. */
export function libraryDurabilityCases(handle: StoreHandle): void {
  describe("libraries, after close and reopen", () => {
    it("libraries survive, replaced and deleted ones as they were left", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      await libraries.put(ada, anotherLibrary());
      await libraries.put(lab, aLibrary());
      await libraries.put(bob, aLibrary());
      await libraries.delete(bob);
      const store = await handle.reopen();
      expect(await store.libraries.get(ada)).toStrictEqual(anotherLibrary());
      expect(await store.libraries.get(lab)).toStrictEqual(aLibrary());
      expect(await store.libraries.get(bob)).toBeUndefined();
      expect((await store.counts()).libraries).toBe(2);
    });
  });
}

/** A write the storage refuses rejects with StoreWriteError and leaves the old library. */
export function libraryFailureCases(handle: StoreHandle): void {
  describe("libraries, when a write fails", () => {
    it("a failed put rejects with StoreWriteError and leaves the old library; the next put works", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      handle.failNextWrite();
      await expect(libraries.put(ada, anotherLibrary())).rejects.toBeInstanceOf(StoreWriteError);
      expect(await libraries.get(ada)).toStrictEqual(aLibrary());
      expect(await libraries.sizes([ada])).toEqual(new Map([[ada, 3]]));
      await libraries.put(ada, anotherLibrary());
      expect(await libraries.get(ada)).toStrictEqual(anotherLibrary());
    });

    it("a failed first put leaves the target without a library", async () => {
      const { libraries } = handle.store;
      handle.failNextWrite();
      await expect(libraries.put(ada, aLibrary())).rejects.toBeInstanceOf(StoreWriteError);
      expect(await libraries.get(ada)).toBeUndefined();
      expect((await handle.store.counts()).libraries).toBe(0);
    });

    it("a failed delete rejects with StoreWriteError and keeps the library", async () => {
      const { libraries } = handle.store;
      await libraries.put(ada, aLibrary());
      handle.failNextWrite();
      await expect(libraries.delete(ada)).rejects.toBeInstanceOf(StoreWriteError);
      expect(await libraries.get(ada)).toStrictEqual(aLibrary());
      expect(await libraries.delete(ada)).toBe(true);
    });

    it("a failed replaceAll keeps every library as it was", async () => {
      const store = handle.store;
      await store.libraries.put(ada, aLibrary());
      handle.failNextWrite();
      const replacing = store.replaceAll({ ...emptySnapshot(), libraries: new Map([[lab, aLibrary()]]) });
      await expect(replacing).rejects.toBeInstanceOf(StoreWriteError);
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(
        plainSnapshot({ ...emptySnapshot(), libraries: new Map([[ada, aLibrary()]]) }),
      );
    });
  });
}
