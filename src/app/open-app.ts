import type { Config } from "../config.js";
import { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import { TfIdfIndex } from "../core/search/tfidf-index.js";
import { migrateCorpus } from "../core/state/migrate.js";
import { StateStore } from "../core/state/state-store.js";
import { openFileStore, type FileStore } from "../storage/open-store.js";
import { loadBundledPapers } from "./bundled-corpus.js";

/** The loaded data every entry point works on: storage, corpus, search index and bot state. */
export interface App {
  store: FileStore;
  corpus: Corpus;
  index: TfIdfIndex;
  state: StateStore;
  /** Persists the corpus (only ingestion changes it). */
  saveCorpus(): Promise<void>;
  /** Makes new or changed papers searchable at once (a paper with a known id replaces it). */
  addToIndex(papers: readonly Paper[]): void;
  /** Flushes pending state writes and releases the files. */
  close(): Promise<void>;
}

/**
 * Opens DATA_DIR and loads everything. When DATA_DIR holds no corpus yet, the bundled demo corpus
 * is used (and written only once ingestion adds to it).
 */
export async function openApp(config: Pick<Config, "dataDir">, log: Logger): Promise<App> {
  const store = openFileStore(config.dataDir, log);
  try {
    const corpus = await readCorpus(store, log);
    const index = await TfIdfIndex.buildAsync(corpus.all());
    const state = await StateStore.open(store.state);
    log.info({ papers: index.size, dataDir: config.dataDir }, "corpus loaded");
    return {
      store,
      corpus,
      index,
      state,
      saveCorpus: () => store.corpus.write(corpus.toDocument()),
      addToIndex: (papers) => index.add(papers),
      close: async () => {
        try {
          await state.flush();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Only the corpus of DATA_DIR (or the bundled demo corpus), for commands that read papers without
 * searching or touching the bot state: no index is built and the files are released before returning.
 */
export async function loadCorpus(config: Pick<Config, "dataDir">, log: Logger): Promise<Corpus> {
  const store = openFileStore(config.dataDir, log);
  try {
    return await readCorpus(store, log);
  } finally {
    await store.close();
  }
}

async function readCorpus(store: FileStore, log: Logger): Promise<Corpus> {
  const raw = await store.corpus.read();
  if (raw !== undefined) return Corpus.fromDocument(migrateCorpus(raw, { source: store.corpus.location }));
  const corpus = new Corpus();
  corpus.upsert(await loadBundledPapers());
  log.info("no corpus in the data directory yet: using the bundled demo corpus");
  return corpus;
}
