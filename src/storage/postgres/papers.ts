import type { Paper } from "../../core/paper.js";
import type { PaperRecords, PapersVersion } from "../../core/store/port.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";
import { writing } from "./write-error.js";

/** Papers per INSERT: one statement for a usual ingest, bounded parameter size for a huge one. */
const batchSize = 2_000;

/**
 * One INSERT per batch, the papers passed as one JSON array. A replaced paper keeps its row, hence
 * its position, and gets a new change number; an unchanged one is not rewritten at all (an
 * instance storing its whole corpus again sends no one anything new).
 */
const upsert = `
INSERT INTO papers (id, data)
SELECT paper ->> 'id', paper
FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS given(paper, n)
ORDER BY n
ON CONFLICT (id) DO UPDATE SET data = excluded.data, change = nextval('papers_change_seq')
WHERE papers.data IS DISTINCT FROM excluded.data`;

/**
 * Why paper writes take a lock: change numbers come from a sequence when a row is written, not
 * when its transaction commits. Were two writers free to overlap, one could take 7, the other 8
 * and commit first; a reader would see 8, answer version 8, and never ask for 7 once it commits.
 * Every transaction that numbers papers therefore first takes this transaction-level lock (per
 * schema), so they number and commit one after the other, and every snapshot holds all the
 * numbers up to its highest. Postgres releases the lock after the commit is visible, so the next
 * writer's numbers are always higher than anything a reader can have missed. (The alternative,
 * capping a reader's version below the oldest writer still in flight, needs xid bookkeeping per
 * row; ingestion writes papers a few times an hour, so waiting for each other costs nothing.)
 */
export async function serialisePaperWriters(tx: Db): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [
    lockClass.papers,
  ]);
}

/**
 * Stores papers in `tx`, numbering their changes in order. One row per id (a second INSERT of the
 * same id in one statement is an error): the first occurrence's place, the last one's content, as
 * putting them one by one would give.
 */
export async function writePapers(tx: Db, papers: readonly Paper[]): Promise<void> {
  const byId = new Map<string, Paper>();
  for (const paper of papers) byId.set(paper.id, paper);
  const unique = [...byId.values()];
  if (unique.length === 0) return;
  await serialisePaperWriters(tx);
  for (let start = 0; start < unique.length; start += batchSize) {
    await tx.query(upsert, [JSON.stringify(unique.slice(start, start + batchSize))]);
  }
}

/** bigint as text: node-postgres and PGlite parse bigint differently. */
const changedSinceSql = `
SELECT top.version::text AS version, p.data
FROM (SELECT coalesce(max(change), 0) AS version FROM papers) top
LEFT JOIN LATERAL (SELECT change, data FROM papers WHERE change > $1::bigint) p ON true
ORDER BY p.change`;

export function paperRecords(db: Db): PaperRecords {
  return {
    async all() {
      const rows = await db.query<{ data: Paper }>("SELECT data FROM papers ORDER BY position");
      return rows.map((row) => row.data);
    },

    put(papers) {
      if (papers.length === 0) return Promise.resolve();
      return writing(db.location, () => db.transaction((tx) => writePapers(tx, papers)));
    },

    async count() {
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM papers");
      return row?.n ?? 0;
    },

    async version() {
      const [row] = await db.query<{ version: string }>(
        "SELECT coalesce(max(change), 0)::text AS version FROM papers",
      );
      return Number(row?.version ?? 0);
    },

    /**
     * One statement, so the papers and the version come from one snapshot: the version is the
     * highest number stored then, which (see `serialisePaperWriters`) nothing committed later is below.
     */
    async changedSince(since: PapersVersion) {
      const rows = await db.query<{ version: string; data: Paper | null }>(changedSinceSql, [
        Math.max(0, Math.floor(since)),
      ]);
      const papers = rows.flatMap((row) => (row.data === null ? [] : [row.data]));
      return { papers, version: Number(rows[0]?.version ?? 0) };
    },
  };
}
