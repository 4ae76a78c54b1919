import type { PaperShelf } from "../core/corpus/paper-shelf.js";
import { isSamePaper } from "../core/corpus/merge.js";
import type { Logger } from "../core/log.js";
import type { TfIdfIndex } from "../core/search/tfidf-index.js";
import type { PaperRecords, PapersVersion } from "../core/store/port.js";

/** How often an instance looks for papers another instance stored: well within a minute. */
export const PAPER_SYNC_MS = 30_000;

/**
 * Brings papers that other instances sharing the store ingested into this instance's index and
 * shelf, so `/find` and picks see them within `everyMs`. Papers this instance holds as they are
 * stored (its own ingest) are not indexed again. A failed look is logged and retried.
 */
export function syncPapers(
  deps: { papers: PaperRecords; shelf: PaperShelf; index: TfIdfIndex; since: PapersVersion; log: Logger },
  everyMs = PAPER_SYNC_MS,
): { stop(): Promise<void> } {
  let version = deps.since;
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      const changed = await deps.papers.changedSince(version);
      version = changed.version;
      const fresh = changed.papers.filter((paper) => {
        const held = deps.shelf.held(paper.id);
        return !(held && isSamePaper(held, paper));
      });
      if (fresh.length === 0) return;
      const added = fresh.filter((paper) => !deps.index.has(paper.id)).length;
      deps.index.add(fresh);
      deps.shelf.hold(fresh);
      deps.log.info({ added, merged: fresh.length - added }, "papers from another instance");
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
