import { readFile, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { StateStore } from "../../src/core/state/state-store.js";
import type { CorpusDocument } from "../../src/core/state/types.js";
import { CORPUS_VERSION } from "../../src/core/state/types.js";
import { StorageInUseError } from "../../src/storage/errors.js";
import { type FileStore, openFileStore } from "../../src/storage/open-store.js";
import { makeTempDir, recordingLogger } from "./helpers/fixtures.js";

const paper: Paper = {
  id: "2410.12345",
  title: "Message passing on sparse graphs",
  abstract: "We study graph neural networks on sparse inputs.",
  authors: ["A. Lovelace"],
  sources: ["arxiv"],
};
const corpus: CorpusDocument = { version: CORPUS_VERSION, papers: [paper] };

let dir: string;
let cleanup: () => Promise<void>;
let stores: FileStore[];

function openIn(dataDir: string): FileStore {
  const store = openFileStore(dataDir, recordingLogger());
  stores.push(store);
  return store;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  stores = [];
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await cleanup();
});

describe("openFileStore", () => {
  it("creates the data directory and keeps corpus and state in their own files", async () => {
    const dataDir = path.join(dir, "nested", "data");
    const store = openIn(dataDir);
    await store.corpus.write(corpus);
    const state = await StateStore.open(store.state);
    await state.update((s) => {
      s.profiles["console:user:me"] = {
        interests: ["graphs"],
        liked: [],
        disliked: [],
        updatedAt: "2025-01-01",
      };
    });
    expect(store.corpus.location).toBe(path.join(dataDir, "corpus.json"));
    expect(store.state.location).toBe(path.join(dataDir, "state.json"));
    expect(JSON.parse(await readFile(path.join(dataDir, "corpus.json"), "utf-8"))).toEqual(corpus);
    const stateOnDisk = JSON.parse(await readFile(path.join(dataDir, "state.json"), "utf-8"));
    expect(Object.keys(stateOnDisk.profiles)).toEqual(["console:user:me"]);
  });

  it("changing the state leaves corpus.json untouched, content and mtime", async () => {
    const store = openIn(dir);
    await store.corpus.write(corpus);
    const corpusFile = path.join(dir, "corpus.json");
    // An old mtime makes any rewrite visible, however coarse the file system's clock.
    const past = new Date("2020-01-01T00:00:00Z");
    await utimes(corpusFile, past, past);
    const contentBefore = await readFile(corpusFile, "utf-8");

    const state = await StateStore.open(store.state);
    for (let i = 0; i < 5; i++) {
      await state.update((s) => {
        s.profiles["telegram:user:7"] = {
          interests: [`topic ${i}`],
          liked: [],
          disliked: [],
          updatedAt: "x",
        };
      });
    }
    await state.flush();

    expect((await stat(corpusFile)).mtime.getTime()).toBe(past.getTime());
    expect(await readFile(corpusFile, "utf-8")).toBe(contentBefore);
  });

  it("refuses to open the same data directory twice in one process", async () => {
    const store = openIn(dir);
    expect(() => openIn(dir)).toThrow(StorageInUseError);
    await store.close();
    expect(() => openIn(dir)).not.toThrow();
  });
});
