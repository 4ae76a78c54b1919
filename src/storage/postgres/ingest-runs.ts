import type { IngestRun } from "../../core/records.js";
import type { IngestRunRecords } from "../../core/store/port.js";
import type { Db } from "./db.js";
import { iso } from "./sql-time.js";
import { writing } from "./write-error.js";

interface IngestRunRow {
  source: string;
  at: string;
  added: number;
  merged: number;
  error: string | null;
}

/** Each source's latest ingestion run, one row per source in `ingest_runs` (migration 005). */
export function ingestRunRecords(db: Db): IngestRunRecords {
  return {
    record(run) {
      return writing(db.location, async () => {
        await db.query(
          `INSERT INTO ingest_runs (source, at, added, merged, error) VALUES ($1, $2::timestamptz, $3, $4, $5)
           ON CONFLICT (source) DO UPDATE SET
             at = excluded.at, added = excluded.added, merged = excluded.merged, error = excluded.error`,
          [run.source, run.at, run.added, run.merged, run.error ?? null],
        );
      });
    },

    async latest() {
      const rows = await db.query<IngestRunRow>(
        `SELECT source, ${iso("at")} AS at, added, merged, error FROM ingest_runs ORDER BY source COLLATE "C"`,
      );
      return rows.map(toIngestRun);
    },
  };
}

function toIngestRun(row: IngestRunRow): IngestRun {
  const run: IngestRun = { source: row.source, at: row.at, added: row.added, merged: row.merged };
  if (row.error !== null) run.error = row.error;
  return run;
}
