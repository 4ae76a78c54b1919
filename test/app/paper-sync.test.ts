import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { syncPapers } from "../../src/app/paper-sync.js";
import { PaperShelf } from "../../src/core/corpus/paper-shelf.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { openMemoryStore } from "../../src/storage/files/memory-store.js";

const paper = (id: string, title: string): Paper => ({
  id,
  title,
  abstract: `${title}. We study it at length.`,
  authors: ["A. Author"],
  sources: ["arxiv"],
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const DAY_MS = 86_400_000;
const dated = (id: string, title: string, daysAgo: number): Paper => ({
  ...paper(id, title),
  publishedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
});

/** An instance's index, shelf and record of its own writes over `store`, and its paper sync. */
function instance(store: ReturnType<typeof openMemoryStore>, papers: Paper[], since: number) {
  const shelf = new PaperShelf(store.papers, 8 * DAY_MS);
  const index = TfIdfIndex.build(papers);
  shelf.hold(papers);
  const storedHere = new Map<string, Paper>();
  const sync = syncPapers(
    { papers: store.papers, shelf, index, storedHere, since, log: silentLogger },
    30_000,
  );
  return { shelf, index, storedHere, sync };
}

describe("syncPapers", () => {
  it("makes papers another instance stored searchable here within one period, once", async () => {
    const store = openMemoryStore();
    await store.papers.put([paper("2601.00001", "Graph neural networks for weather")]);
    const here = instance(store, await store.papers.all(), await store.papers.version());

    // Stored by another instance's ingestion.
    await store.papers.put([paper("2601.00002", "Protein folding with diffusion models")]);
    expect(here.index.search("protein folding").results).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(here.index.search("protein folding").results[0]?.id).toBe("2601.00002"));
    expect(here.shelf.held("2601.00002")?.title).toBe("Protein folding with diffusion models");

    const generation = here.index.generation;
    await vi.advanceTimersByTimeAsync(30_000);
    await here.sync.stop();
    expect(here.index.generation).toBe(generation);
  });

  it("does not index again the papers this instance stored itself, recent or old", async () => {
    const store = openMemoryStore();
    const here = instance(store, [paper("2601.00001", "Graph neural networks for weather")], 0);

    // As App.savePapers does: indexed and held, stored, then remembered as stored here.
    const own = [
      dated("2601.00003", "Sea ice thickness from radar", 1),
      dated("2401.00004", "Old tides", 400),
    ];
    here.index.add(own);
    here.shelf.hold(own);
    await store.papers.put(own);
    for (const p of own) here.storedHere.set(p.id, p);
    const generation = here.index.generation;
    await vi.advanceTimersByTimeAsync(30_000);
    await here.sync.stop();
    expect(here.index.generation).toBe(generation);
    expect(here.storedHere.size).toBe(0);
  });

  it("only shelves a paper another instance merged upvotes into, and re-indexes a fuller abstract", async () => {
    const store = openMemoryStore();
    const first = dated("2601.00005", "Coral reef acoustics", 1);
    await store.papers.put([first]);
    const here = instance(store, [first], await store.papers.version());

    const generation = here.index.generation;
    await store.papers.put([{ ...first, upvotes: 12 }]);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(here.shelf.held(first.id)?.upvotes).toBe(12));
    expect(here.index.generation).toBe(generation);

    await store.papers.put([
      { ...first, upvotes: 12, abstract: "Coral reef acoustics and snapping shrimp." },
    ]);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(here.index.search("snapping shrimp").results[0]?.id).toBe(first.id));
    await here.sync.stop();
    expect(here.index.generation).toBeGreaterThan(generation);
  });
});
