import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/log.js";
import type { Paper } from "../../../src/core/paper.js";
import type { PapersVersion, Store } from "../../../src/core/store/port.js";
import { openPostgresStore } from "../../../src/storage/postgres/open-postgres-store.js";
import { makeTestDb } from "../../helpers/postgres.js";
import type { TestDb } from "../../helpers/postgres.js";

function paper(id: string, title = `Paper ${id}`): Paper {
  return { id, title, abstract: "", authors: [], sources: ["arxiv"] };
}

/** Papers one instance stores, as another instance learns of them through changedSince. */
describe("Postgres store: papers changed since a version, across instances", () => {
  let test: TestDb;
  let reader: Store;
  let writers: Store[];
  beforeEach(async () => {
    test = await makeTestDb();
    reader = await openPostgresStore(test.db, { log: silentLogger });
    writers = [
      await openPostgresStore(test.open(), { log: silentLogger }),
      await openPostgresStore(test.open(), { log: silentLogger }),
    ];
  });
  afterEach(async () => {
    await Promise.all([reader, ...writers].map((store) => store.close()));
    await test.drop();
  });

  it("sees papers another instance stored or replaced, in the order stored, and only those", async () => {
    const [writer] = writers;
    const start = await reader.papers.version();
    expect(start).toBe(0);
    await writer!.papers.put([paper("b"), paper("a")]);
    const first = await reader.papers.changedSince(start);
    expect(first.papers).toEqual([paper("b"), paper("a")]);
    expect(first.version).toBe(await writer!.papers.version());
    await writer!.papers.put([paper("a"), paper("c"), paper("b", "Revised")]);
    const second = await reader.papers.changedSince(first.version);
    expect(second.papers).toEqual([paper("c"), paper("b", "Revised")]);
    expect(await reader.papers.changedSince(second.version)).toEqual({ papers: [], version: second.version });
    expect((await reader.papers.all()).map((p) => p.id)).toEqual(["b", "a", "c"]);
  });

  it("never skips a paper while two instances write in small batches and a third polls", async () => {
    const written = writers.map((_, w) =>
      Array.from({ length: 200 }, (_, i) => paper(`w${w}-${String(i).padStart(3, "0")}`)),
    );
    const seen = new Set<string>();
    let version: PapersVersion = await reader.papers.version();
    let writing = true;
    const poll = async () => {
      while (writing) {
        const changed = await reader.papers.changedSince(version);
        expect(changed.version).toBeGreaterThanOrEqual(version);
        for (const p of changed.papers) seen.add(p.id);
        version = changed.version;
      }
    };
    const write = async (store: Store, papers: Paper[]) => {
      for (let start = 0; start < papers.length; start += 5)
        await store.papers.put(papers.slice(start, start + 5));
    };
    const polling = poll();
    await Promise.all(writers.map((store, w) => write(store, written[w]!)));
    writing = false;
    await polling;
    for (const p of (await reader.papers.changedSince(version)).papers) seen.add(p.id);
    expect(seen.size).toBe(400);
    expect([...seen].sort()).toEqual(
      written
        .flat()
        .map((p) => p.id)
        .sort(),
    );
  });
});
