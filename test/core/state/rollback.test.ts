import { describe, expect, it } from "vitest";
import { mutateWithRollback } from "../../../src/core/state/rollback.js";

interface Doc {
  lists: Record<string, string[]>;
  people: Record<string, { name: string; tags: string[]; extra?: { note: string } }>;
  log: Array<{ day: string; ids: string[] }>;
}

function sample(): Doc {
  return {
    lists: { a: ["x", "y", "z"], b: [] },
    people: { ada: { name: "Ada", tags: ["math"] }, alan: { name: "Alan", tags: [] } },
    log: [{ day: "mon", ids: ["1"] }],
  };
}

function throwing(mutate: (doc: Doc) => void): (doc: Doc) => never {
  return (doc) => {
    mutate(doc);
    throw new Error("stop");
  };
}

describe("mutateWithRollback", () => {
  it("changes the object in place and returns mutate's result", () => {
    const doc = sample();
    const result = mutateWithRollback(doc, (draft) => {
      draft.lists.a?.push("w");
      delete draft.people.alan;
      return draft.lists.a?.length;
    });
    expect(result).toBe(4);
    expect(doc.lists.a).toEqual(["x", "y", "z", "w"]);
    expect(doc.people.alan).toBeUndefined();
  });

  it.each<[string, (doc: Doc) => void]>([
    ["push, splice and sort", (d) => (d.lists.a?.push("w"), d.lists.a?.splice(0, 2), d.lists.a?.sort())],
    ["truncating an array", (d) => d.lists.a && (d.lists.a.length = 0)],
    ["writing past the end", (d) => d.lists.b && (d.lists.b[5] = "far")],
    [
      "shift, unshift and reverse",
      (d) => (d.lists.a?.shift(), d.lists.a?.unshift("q"), d.lists.a?.reverse()),
    ],
    [
      "adding, replacing and deleting keys",
      (d) => ((d.people.bob = { name: "Bob", tags: [] }), delete d.people.ada),
    ],
    ["nested edits", (d) => ((d.people.ada!.extra = { note: "n" }), d.people.ada!.tags.push("logic"))],
    [
      "Object.assign and defineProperty",
      (d) => (
        Object.assign(d.people.ada!, { name: "A" }),
        Object.defineProperty(d.lists, "c", {
          value: [],
          enumerable: true,
          configurable: true,
          writable: true,
        })
      ),
    ],
    ["replacing a whole section", (d) => (d.log = [])],
  ])("undoes %s when mutate throws", (_name, change) => {
    const doc = sample();
    expect(() => mutateWithRollback(doc, throwing(change))).toThrow("stop");
    expect(doc).toEqual(sample());
    expect(Object.keys(doc.lists)).toEqual(["a", "b"]);
    expect(doc.lists.b).toHaveLength(0);
  });

  it("stores real objects, not proxies, when parts of the state are moved or copied", () => {
    const doc = sample();
    mutateWithRollback(doc, (draft) => {
      draft.people.grace = draft.people.ada!;
      draft.log = [...draft.log, { day: "tue", ids: [] }];
    });
    // A proxy left in the state would be revoked and throw on access; structuredClone rejects proxies.
    expect(() => structuredClone(doc)).not.toThrow();
    expect(doc.people.grace).toBe(doc.people.ada);
    expect(doc.log.map((entry) => entry.day)).toEqual(["mon", "tue"]);
  });

  it("returns real objects, and a draft kept after mutate fails loudly instead of changing the state", () => {
    const doc = sample();
    let kept: Doc | undefined;
    const returned = mutateWithRollback(doc, (draft) => {
      kept = draft;
      return draft.people.ada;
    });
    expect(returned).toBe(doc.people.ada);
    expect(() => {
      if (kept) kept.lists = {};
    }).toThrow(TypeError);
    expect(doc.lists.a).toEqual(["x", "y", "z"]);
  });

  it("refuses an async mutate and undoes what it did before its first await", async () => {
    const doc = sample();
    expect(() =>
      mutateWithRollback(doc, async (draft) => {
        draft.lists.a?.push("w");
        await Promise.resolve();
      }),
    ).toThrow(/synchronous/);
    expect(doc).toEqual(sample());
  });
});
