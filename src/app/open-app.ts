import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config.js";
import { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import { TfIdfIndex } from "../core/search/tfidf-index.js";
import type { PapersVersion, Store } from "../core/store/port.js";
import type { Telemetry } from "../core/telemetry.js";
import { openStore } from "../storage/open-store.js";
import { loadBundledPapers } from "./bundled-corpus.js";
import { timeStoreWrites } from "./timed-store.js";

/** The loaded data every entry point works on: the store, the corpus and its search index. */
export interface App {
  store: Store;
  corpus: Corpus;
  index: TfIdfIndex;
  /** This instance's name in the delivery claims it holds: host, process and a random part. */
  owner: string;
  /** The papers' version the corpus was loaded at: other instances' later papers come after it. */
  papersVersion: PapersVersion;
  /**
   * Stores new or changed papers of the corpus and makes them searchable at once. The first save
   * after starting from the bundled demo corpus stores the demo papers too.
   */
  savePapers(papers: readonly Paper[]): Promise<void>;
  /** Finishes pending writes and releases the store. */
  close(): Promise<void>;
}

export type AppConfig = Pick<Config, "dataDir" | "databaseUrl">;

/**
 * Opens the store (DATABASE_URL, else DATA_DIR) and loads the corpus and its index. When the store
 * holds no papers yet, the bundled demo corpus is used (and stored once ingestion adds to it).
 * `readOnly` opens the files beside a running bot and refuses every write (dry runs). With
 * `telemetry`, the time of every store write is told to it (see timeStoreWrites).
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
    const { corpus, bundled } = await readCorpus(store, log);
    const index = await TfIdfIndex.buildAsync(corpus.all());
    log.info({ papers: index.size, store: store.location }, "corpus loaded");
    let unstoredDemo = bundled;
    const app: App = {
      store,
      corpus,
      index,
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      papersVersion,
      savePapers: async (papers) => {
        // Indexed first: the corpus in memory already holds them, so a failed save must not leave
        // them unsearchable (the next save stores them).
        index.add(papers);
        await store.papers.put(unstoredDemo ? corpus.all() : papers);
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
 * Only the corpus (or the bundled demo corpus), for commands that read papers without searching
 * or touching user records: no index is built, nothing is locked, and the store is closed again.
 */
export async function loadCorpus(config: AppConfig, log: Logger): Promise<Corpus> {
  const store = await openStore(config, { log, readOnly: true });
  try {
    return (await readCorpus(store, log)).corpus;
  } finally {
    await store.close();
  }
}

async function readCorpus(store: Store, log: Logger): Promise<{ corpus: Corpus; bundled: boolean }> {
  const corpus = new Corpus();
  const stored = await store.papers.all();
  if (stored.length > 0) {
    corpus.upsert(stored);
    return { corpus, bundled: false };
  }
  corpus.upsert(await loadBundledPapers());
  log.info("no papers stored yet: using the bundled demo corpus");
  return { corpus, bundled: true };
}
