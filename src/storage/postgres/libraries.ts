import type { Library, LibraryPaper } from "../../core/records.js";
import type { LibraryRecords } from "../../core/store/port.js";
import type { TargetKey } from "../../core/target.js";
import type { Db } from "./db.js";
import { iso } from "./sql-time.js";
import { writing } from "./write-error.js";

export interface LibraryRow {
  target_key: string;
  imported_at: string;
  papers: LibraryPaper[];
}

/** The select list that reads a LibraryRow. */
export const libraryColumns = `target_key, ${iso("imported_at")} AS imported_at, papers`;

/** One statement, so the old library is replaced whole or kept whole. */
const upsert = `
INSERT INTO libraries (target_key, imported_at, papers) VALUES ($1, $2::timestamptz, $3::text::jsonb)
ON CONFLICT (target_key) DO UPDATE SET imported_at = excluded.imported_at, papers = excluded.papers`;

export function libraryRecords(db: Db): LibraryRecords {
  return {
    async get(key) {
      const [row] = await db.query<LibraryRow>(
        `SELECT ${libraryColumns} FROM libraries WHERE target_key = $1`,
        [key],
      );
      return row && toLibrary(row);
    },

    put(key, library) {
      return writing(db.location, async () => {
        await db.query(upsert, [key, library.importedAt, JSON.stringify(library.papers)]);
      });
    },

    delete(key) {
      return writing(db.location, async () => {
        const rows = await db.query("DELETE FROM libraries WHERE target_key = $1 RETURNING 1", [key]);
        return rows.length > 0;
      });
    },

    async sizes(keys) {
      const sizes = new Map<TargetKey, number>();
      if (keys.length === 0) return sizes;
      const rows = await db.query<{ target_key: string; size: number }>(
        `SELECT target_key, jsonb_array_length(papers) AS size FROM libraries
         WHERE target_key = ANY($1::text[])`,
        [[...keys]],
      );
      for (const row of rows) sizes.set(row.target_key, row.size);
      return sizes;
    },
  };
}

export function toLibrary(row: LibraryRow): Library {
  return { importedAt: row.imported_at, papers: row.papers };
}
