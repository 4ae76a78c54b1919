import { isSamePaper, sameIndexedText } from "../core/corpus/merge.js";
import type { PaperShelf } from "../core/corpus/paper-shelf.js";
import type { Logger } from "../core/log.js";
import type { Paper } from "../core/paper.js";
import type { TfIdfIndex } from "../core/search/tfidf-index.js";
import type { PaperRecords, PapersVersion } from "../core/store/port.js";

/** How often an instance looks for papers another instance stored: well within a minute. */
export const PAPER_SYNC_MS = 30_000;

export interface PaperSyncDeps {
  papers: PaperRecords;
  shelf: PaperShelf;
  index: TfIdfIndex;
  /** Papers this instance stored itself (see App.storedHere): taken out as they come back. */
  storedHere: Map<string, Paper>;
  since: PapersVersion;
  log: Logger;
}

/**
 * Brings papers that other instances sharing the store ingested into this instance's index and
 * shelf, so `/find` and picks see them within `everyMs`. What this instance stored itself is
 * passed over, and a paper whose text and date are what the index has (a merge that brought
 * upvotes or a source) only goes on the shelf. A failed look is logged and retried.
 */
export function syncPapers(deps: PaperSyncDeps, everyMs = PAPER_SYNC_MS): { stop(): Promise<void> } {
  let version = deps.since;
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      const changed = await deps.papers.changedSince(version);
      version = changed.version;
      const fresh = changed.papers.filter((paper) => !isOwn(deps, paper));
      if (fresh.length === 0) return;
      const reindexed = fresh.filter((paper) => !sameIndexedText(deps.shelf.held(paper.id), paper));
      const added = reindexed.filter((paper) => !deps.index.has(paper.id)).length;
      deps.index.add(reindexed);
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

/** Whether this instance stored the paper as it is (forgetting it then: it has come back once). */
function isOwn(deps: PaperSyncDeps, paper: Paper): boolean {
  const own = deps.storedHere.get(paper.id);
  if (own === undefined || !isSamePaper(own, paper)) return false;
  deps.storedHere.delete(paper.id);
  return true;
}
