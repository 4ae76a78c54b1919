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

describe("syncPapers", () => {
  it("makes papers another instance stored searchable here within one period, once", async () => {
    const store = openMemoryStore();
    await store.papers.put([paper("2601.00001", "Graph neural networks for weather")]);
    const shelf = new PaperShelf(store.papers, 8 * 86_400_000);
    const index = TfIdfIndex.build(await store.papers.all());
    const since = await store.papers.version();
    const sync = syncPapers({ papers: store.papers, shelf, index, since, log: silentLogger }, 30_000);

    // Stored by another instance's ingestion.
    await store.papers.put([paper("2601.00002", "Protein folding with diffusion models")]);
    expect(index.search("protein folding").results).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(index.search("protein folding").results[0]?.id).toBe("2601.00002"));
    expect(shelf.held("2601.00002")?.title).toBe("Protein folding with diffusion models");

    const generation = index.generation;
    await vi.advanceTimersByTimeAsync(30_000);
    await sync.stop();
    expect(index.generation).toBe(generation);
  });

  it("does not index again the papers this instance stored itself", async () => {
    const store = openMemoryStore();
    const shelf = new PaperShelf(store.papers, 8 * 86_400_000);
    const index = TfIdfIndex.build([paper("2601.00001", "Graph neural networks for weather")]);
    const sync = syncPapers({ papers: store.papers, shelf, index, since: 0, log: silentLogger }, 30_000);

    // As App.savePapers does: indexed and held, then stored.
    const own = paper("2601.00003", "Sea ice thickness from radar");
    index.add([own]);
    shelf.hold([own]);
    await store.papers.put([own]);
    const generation = index.generation;
    await vi.advanceTimersByTimeAsync(30_000);
    await sync.stop();
    expect(index.generation).toBe(generation);
  });
});
