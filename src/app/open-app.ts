import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config.js";
import { sameIndexedText } from "../core/corpus/merge.js";
import { type PaperReader, paperReaderOf } from "../core/corpus/paper-reader.js";
import { PaperShelf } from "../core/corpus/paper-shelf.js";
import { CANDIDATE_MS } from "../core/recommender/picks.js";
import { PAGE_SIZE } from "../core/search/count-pages.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import { TfIdfIndex } from "../core/search/tfidf-index.js";
import type { PapersVersion, Store } from "../core/store/port.js";
import type { Telemetry } from "../core/telemetry.js";
import { openStore } from "../storage/open-store.js";
import { loadBundledPapers } from "./bundled-corpus.js";
import { timeStoreWrites } from "./timed-store.js";

/** The loaded data every entry point works on: the store, the search index and where papers are found. */
export interface App {
  store: Store;
  index: TfIdfIndex;
  /** Papers by id (the recent ones from memory, the rest from the store), and the recent ones. */
  papers: PaperShelf;
  /** This instance's name in the delivery claims it holds: host, process and a random part. */
  owner: string;
  /** The papers' version the index was built at: other instances' later papers come after it. */
  papersVersion: PapersVersion;
  /**
   * Papers this instance stored, by id, until paper sync sees them come back from the store: what
   * it must not index a second time.
   */
  storedHere: Map<string, Paper>;
  /**
   * Stores new or changed papers and makes them searchable at once. The first save after starting
   * from the bundled demo corpus stores the demo papers too.
   */
  savePapers(papers: readonly Paper[]): Promise<void>;
  /** Finishes pending writes and releases the store. */
  close(): Promise<void>;
}

export type AppConfig = Pick<Config, "dataDir" | "databaseUrl">;

/**
 * Opens the store (DATABASE_URL, else DATA_DIR) and builds the search index from its papers, read a
 * page at a time so that they are never all in memory. When the store holds no papers yet, the
 * bundled demo corpus is used (and stored once ingestion adds to it). `readOnly` opens the files
 * beside a running bot and refuses every write (dry runs). With `telemetry`, the time of every
 * store write is told to it (see timeStoreWrites).
 */
export async function openApp(
  config: AppConfig,
  log: Logger,
  options: { readOnly?: boolean; telemetry?: Telemetry } = {},
) {
  const { telemetry, ...storeOptions } = options;
  const opened = await openStore(config, { log, ...storeOptions });
  const store = telemetry ? timeStoreWrites(opened, telemetry) : opened;
  try {
    // Asked before reading: a paper stored in between is read twice, never missed.
    const papersVersion = await store.papers.version();
    // Papers that may still be picked are held whole.
    const papers = new PaperShelf(store.papers, CANDIDATE_MS);
    const { index, bundled } = await buildIndex(store, papers, log);
    log.info({ papers: index.size, store: store.location }, "corpus loaded");
    let unstoredDemo = bundled;
    const storedHere = new Map<string, Paper>();
    const app: App = {
      store,
      index,
      papers,
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      papersVersion,
      storedHere,
      savePapers: async (changed) => {
        // Indexed first, so that a failed save leaves them searchable. A held paper merged with
        // only a source or upvotes is not indexed again: re-adding a paper counts its terms again
        // (an older paper, whose text is not at hand to compare, is).
        index.add(changed.filter((paper) => !sameIndexedText(papers.held(paper.id), paper)));
        papers.hold(changed);
        await store.papers.put(unstoredDemo ? [...papers.pinned(), ...changed] : changed);
        for (const paper of changed) storedHere.set(paper.id, paper);
        if (unstoredDemo) papers.unpin();
        unstoredDemo = false;
      },
      close: () => store.close(),
    };
    return app;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The index of the stored papers, read as the index reads them, else of the demo corpus (pinned on
 * the shelf); the recent stored papers are held whole.
 */
async function buildIndex(
  store: Store,
  shelf: PaperShelf,
  log: Logger,
): Promise<{ index: TfIdfIndex; bundled: boolean }> {
  const { papers, bundled } = await storedOrBundled(store, log);
  if (bundled) shelf.pin(bundled);
  else await shelf.holdStored();
  const index = await TfIdfIndex.buildFrom({
    expected: await papers.count(),
    read: () => papers.indexedPages(PAGE_SIZE),
  });
  return { index, bundled: bundled !== undefined };
}

/** The store's papers, or the bundled demo corpus (also answered as `bundled`) while the store holds none. */
async function storedOrBundled(
  store: Store,
  log: Logger,
): Promise<{ papers: PaperReader; bundled?: Paper[] }> {
  if ((await store.papers.count()) > 0) return { papers: store.papers };
  log.info("no papers stored yet: using the bundled demo corpus");
  const bundled = await loadBundledPapers();
  return { papers: paperReaderOf(bundled), bundled };
}

/**
 * Opens the store read-only for `use` to read papers by id (the bundled demo corpus while it holds
 * none), then closes it: for commands that show a paper without searching or touching user records.
 * No index is built, nothing is locked, and no more papers are read than asked for.
 */
export async function withStoredPapers<T>(
  config: AppConfig,
  log: Logger,
  use: (papers: PaperReader) => Promise<T>,
): Promise<T> {
  const store = await openStore(config, { log, readOnly: true });
  try {
    return await use((await storedOrBundled(store, log)).papers);
  } finally {
    await store.close();
  }
}
