import { MAX_SAVED } from "../../core/records.js";
import { checkPage, checkedId, checkedSavedPaper } from "../../core/store/arguments.js";
import type { ReadingLists, SaveOutcome } from "../../core/store/port.js";
import { copyJson } from "./json-copy.js";
import { withSaved } from "./reading-list-shape.js";
import type { RecordEngine } from "./record-engine.js";

/**
 * Reading lists in their own lane and shards: a save waits for no 👍 nor digest, and rewrites one
 * reading-list shard. Saves run one after the other in the lane, so the MAX_SAVED check holds.
 * A save that changes nothing ("already-saved", "full") writes nothing.
 */
export function readingListRecords(engine: RecordEngine): ReadingLists {
  return {
    save: async (key, paper) => {
      const given = checkedSavedPaper(paper);
      return engine.write("reading-lists", (tx): SaveOutcome => {
        const list = tx.readingLists.get(key) ?? [];
        if (list.some((saved) => saved.paperId === given.paperId)) return "already-saved";
        if (list.length >= MAX_SAVED) return "full";
        tx.readingLists.set(key, withSaved(list, given));
        return "saved";
      });
    },

    unsave: async (key, paperId) => {
      checkedId("paperId", paperId);
      return engine.write("reading-lists", (tx) => {
        const list = tx.readingLists.get(key) ?? [];
        const left = list.filter((saved) => saved.paperId !== paperId);
        if (left.length === list.length) return false;
        tx.readingLists.set(key, left.length > 0 ? left : undefined);
        return true;
      });
    },

    list: async (key, page) => {
      checkPage(page);
      return engine.read((data) => {
        const list = data.readingLists.get(key) ?? [];
        const papers = list.slice(page.offset, page.offset + page.limit).map((saved) => copyJson(saved));
        return { papers, total: list.length };
      });
    },

    all: (key) => engine.read((data) => (data.readingLists.get(key) ?? []).map((saved) => copyJson(saved))),
  };
}
