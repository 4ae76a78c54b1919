import type { Corpus } from "../core/corpus/corpus.js";
import type { Logger } from "../core/log.js";
import type { TfIdfIndex } from "../core/search/tfidf-index.js";
import type { PaperRecords, PapersVersion } from "../core/store/port.js";

/** How often an instance looks for papers another instance stored: well within a minute. */
export const PAPER_SYNC_MS = 30_000;

/**
 * Brings papers that other instances sharing the store ingested into this instance's corpus and
 * index, so `/find` and picks see them within `everyMs`. A failed look is logged and retried.
 */
export function syncPapers(
  deps: { papers: PaperRecords; corpus: Corpus; index: TfIdfIndex; since: PapersVersion; log: Logger },
  everyMs = PAPER_SYNC_MS,
): { stop(): Promise<void> } {
  let version = deps.since;
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      const changed = await deps.papers.changedSince(version);
      version = changed.version;
      const { added, merged } = deps.corpus.upsert(changed.papers);
      if (added.length + merged.length === 0) return;
      deps.index.add([...added, ...merged]);
      deps.log.info({ added: added.length, merged: merged.length }, "papers from another instance");
    } catch (error) {
      deps.log.warn({ err: error }, "could not look for papers stored by other instances; trying again");
    }
  };
  const timer = setInterval(() => (running = running.then(look)), everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
