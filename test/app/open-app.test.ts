import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openApp, withStoredPapers } from "../../src/app/open-app.js";
import { silentLogger } from "../../src/core/log.js";
import type { Paper } from "../../src/core/paper.js";

const STORED: Paper = {
  id: "2611.00002",
  title: "Tide tables from satellite altimetry",
  abstract: "We derive tide tables from satellite altimetry.",
  authors: ["B. Author"],
  sources: ["arxiv"],
};

describe("reading papers without an index", () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "paperboy-corpus-"));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("falls back to the bundled demo corpus when the data directory holds none", async () => {
    await withStoredPapers({ dataDir }, silentLogger, async (papers) => {
      expect(await papers.count()).toBeGreaterThan(0);
      expect(await papers.get([STORED.id])).toEqual([]);
    });
  });

  it("reads the stored corpus and releases the files for the next opener", async () => {
    const app = await openApp({ dataDir }, silentLogger);
    await app.savePapers([STORED]);
    await app.close();

    const [stored] = await withStoredPapers({ dataDir }, silentLogger, (papers) => papers.get([STORED.id]));
    expect(stored?.title).toBe(STORED.title);

    const reopened = await openApp({ dataDir }, silentLogger);
    try {
      expect(reopened.index.search("satellite altimetry tide").results[0]?.id).toBe(STORED.id);
    } finally {
      await reopened.close();
    }
  });

  it("holds the recent and undated stored papers whole when it opens, and indexes every stored paper", async () => {
    const day = 24 * 60 * 60 * 1000;
    const recent: Paper = {
      ...STORED,
      id: "2612.00001",
      publishedAt: new Date(Date.now() - day).toISOString(),
    };
    const old: Paper = {
      ...STORED,
      id: "1901.00001",
      title: "Glacier retreat from gravimetry",
      abstract: "We measure glacier retreat from gravimetry.",
      publishedAt: "2019-01-02T00:00:00.000Z",
    };
    const undated: Paper = { ...STORED, id: "2612.00002", title: "Undated", abstract: "No date given." };
    const app = await openApp({ dataDir }, silentLogger);
    await app.savePapers([recent, old, undated]);
    await app.close();

    const reopened = await openApp({ dataDir }, silentLogger);
    try {
      const held = reopened.papers.recent().map((paper) => paper.id);
      expect(held).toContain(recent.id);
      expect(held).toContain(undated.id);
      expect(held).not.toContain(old.id);
      expect(reopened.papers.held(recent.id)).toEqual(recent);
      expect(reopened.index.search("glacier gravimetry").results[0]?.id).toBe(old.id);
      expect(reopened.index.size).toBe(await reopened.store.papers.count());
    } finally {
      await reopened.close();
    }
  });

  it("stores the demo corpus with the first save, and indexes a merge again only when its text changed", async () => {
    const app = await openApp({ dataDir }, silentLogger);
    try {
      const demo = app.papers.recent();
      expect(demo.length).toBeGreaterThan(0);
      expect(await app.store.papers.count()).toBe(0);

      await app.savePapers([STORED]);
      expect(await app.store.papers.count()).toBe(demo.length + 1);
      expect((await app.papers.get([STORED.id]))[0]?.title).toBe(STORED.title);
      expect(app.storedHere.get(STORED.id)).toEqual(STORED);

      const generation = app.index.generation;
      await app.savePapers([{ ...STORED, upvotes: 7, sources: ["arxiv", "hf"] }]);
      expect(app.index.generation).toBe(generation);
      expect((await app.store.papers.get([STORED.id]))[0]?.upvotes).toBe(7);

      await app.savePapers([{ ...STORED, abstract: "Tide tables and storm surges from altimetry." }]);
      expect(app.index.generation).toBeGreaterThan(generation);
      expect(app.index.search("storm surges").results[0]?.id).toBe(STORED.id);
    } finally {
      await app.close();
    }
  });
});
