import { MAX_SAVED, type SavedPaper } from "../../core/records.js";
import { checkPage, checkedId, checkedSavedPaper } from "../../core/store/arguments.js";
import type { ReadingLists, SaveOutcome } from "../../core/store/port.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";
import { iso } from "./sql-time.js";
import { writing } from "./write-error.js";

export interface SavedPaperRow {
  target_key: string;
  paper_id: string;
  saved_by: string;
  saved_by_name: string | null;
  saved_at: string;
}

/** The select list that reads a SavedPaperRow. */
export const savedPaperColumns = `target_key, paper_id, saved_by, saved_by_name, ${iso("saved_at")} AS saved_at`;

/** Newest first: the order of the saved_papers_newest_idx index. */
export const newestFirst = "saved_at DESC, seq DESC";

/** Whether the paper is on the list, and how long the list is: one statement, one moment. */
const listState = `
SELECT EXISTS (SELECT 1 FROM saved_papers WHERE target_key = $1 AND paper_id = $2) AS saved,
  (SELECT count(*) FROM saved_papers WHERE target_key = $1)::int AS total`;

/**
 * A page and the total in one statement, so both are of one moment. json_strip_nulls leaves out
 * the name of a paper saved without one, as the SavedPaper record has it.
 */
const page = `
SELECT (SELECT count(*) FROM saved_papers WHERE target_key = $1)::int AS total,
  coalesce((
    SELECT json_agg(json_strip_nulls(json_build_object('paperId', paper_id, 'savedBy', saved_by,
      'savedByName', saved_by_name, 'savedAt', ${iso("saved_at")})) ORDER BY ${newestFirst})
    FROM (SELECT paper_id, saved_by, saved_by_name, saved_at, seq FROM saved_papers
      WHERE target_key = $1 ORDER BY ${newestFirst} OFFSET $2 LIMIT $3) AS p
  ), '[]'::json) AS papers`;

export function readingLists(db: Db): ReadingLists {
  return {
    /**
     * The advisory lock makes the saves of one list, from every instance, run one after the
     * other: two saves at MAX_SAVED - 1 must not both find room. Taken before the count is read.
     */
    async save(key, paper) {
      const given = checkedSavedPaper(paper);
      return writing(db.location, () =>
        db.transaction(async (tx): Promise<SaveOutcome> => {
          await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [lockClass.readingLists, key]);
          const [state] = await tx.query<{ saved: boolean; total: number }>(listState, [key, given.paperId]);
          if (state?.saved) return "already-saved";
          if ((state?.total ?? 0) >= MAX_SAVED) return "full";
          await tx.query(
            `INSERT INTO saved_papers (target_key, paper_id, saved_by, saved_by_name, saved_at)
             VALUES ($1, $2, $3, $4, $5::timestamptz)`,
            [key, given.paperId, given.savedBy, given.savedByName ?? null, given.savedAt],
          );
          return "saved";
        }),
      );
    },

    async unsave(key, paperId) {
      checkedId("paperId", paperId);
      return writing(db.location, async () => {
        const rows = await db.query(
          "DELETE FROM saved_papers WHERE target_key = $1 AND paper_id = $2 RETURNING 1",
          [key, paperId],
        );
        return rows.length > 0;
      });
    },

    async list(key, { offset, limit }) {
      checkPage({ offset, limit });
      const [row] = await db.query<{ total: number; papers: SavedPaper[] }>(page, [key, offset, limit]);
      return { papers: row?.papers ?? [], total: row?.total ?? 0 };
    },

    async all(key) {
      const rows = await db.query<SavedPaperRow>(
        `SELECT ${savedPaperColumns} FROM saved_papers WHERE target_key = $1 ORDER BY ${newestFirst}`,
        [key],
      );
      return rows.map(toSavedPaper);
    },
  };
}

export function toSavedPaper(row: SavedPaperRow): SavedPaper {
  return {
    paperId: row.paper_id,
    savedBy: row.saved_by,
    ...(row.saved_by_name !== null && { savedByName: row.saved_by_name }),
    savedAt: row.saved_at,
  };
}
