import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../core/log.js";
import type { BotState, CorpusDocument } from "../core/state/types.js";
import type { Store } from "../core/store/port.js";
import { JsonFileStore } from "./json-file-store.js";

/** The file-backed Store, with a way to release its files (tests, or reopening the directory). */
export interface FileStore extends Store {
  corpus: JsonFileStore<CorpusDocument>;
  state: JsonFileStore<BotState>;
  close(): Promise<void>;
}

/**
 * Opens `corpus.json` and `state.json` in `dataDir`, creating the directory if needed.
 *
 * Design note (lockless): one paperboy process owns a data directory. Inside the process each file
 * has exactly one store (a second one throws), and that store runs its reads and writes one at a
 * time, so no lock is needed. Across processes there is no lock: every write replaces the whole
 * file by an atomic rename, so a file is never torn, but two processes on one directory would
 * overwrite each other's changes; run one per DATA_DIR. The corpus and the bot state are separate
 * files with separate stores, so changing a profile never rewrites the (much larger) corpus.
 */
export function openFileStore(dataDir: string, log: Logger): FileStore {
  const dir = path.resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new Error(
      `The data directory ${dir} cannot be created or used (${String(error)}); set DATA_DIR to a writable directory.`,
      { cause: error },
    );
  }
  const corpus = new JsonFileStore<CorpusDocument>(path.join(dir, "corpus.json"), log);
  let state: JsonFileStore<BotState>;
  try {
    state = new JsonFileStore<BotState>(path.join(dir, "state.json"), log);
  } catch (error) {
    void corpus.close();
    throw error;
  }
  return {
    corpus,
    state,
    close: async () => {
      await Promise.all([corpus.close(), state.close()]);
    },
  };
}
