import type { Db } from "../db.js";
import { publishedSeconds } from "../paper-dates.js";

/**
 * Papers' publication dates as a column, so that `PaperRecords.since` reads the papers it answers
 * rather than every paper, and `sourceSummary` compares instants rather than text.
 *
 * `papers.published_at`: the paper's `publishedAt` as an instant, NULL when it has none or one
 * that does not parse (such a paper counts as undated). Every write fills it (papers.ts).
 */
export const paperDates = `
ALTER TABLE papers ADD COLUMN published_at timestamptz;
-- since: the papers published after a time, and the undated ones.
CREATE INDEX papers_published_at_idx ON papers (published_at);
`;

/** Papers read and dated per statement: a few hundred kilobytes of ids and dates each way. */
const batchSize = 2_000;

/** The next batch after position $1; `after` is named apart from the column so ORDER BY sorts numbers. */
const datedPapers = `
SELECT papers.position::text AS after, id, data ->> 'publishedAt' AS published
FROM papers
WHERE papers.position > $1::bigint AND jsonb_typeof(data -> 'publishedAt') = 'string'
ORDER BY papers.position
LIMIT $2`;

const setDates = `
UPDATE papers SET published_at = to_timestamp(given.seconds::float8)
FROM unnest($1::text[], $2::text[]) AS given(id, seconds)
WHERE papers.id = given.id`;

/**
 * Dates the papers stored before the column existed, a batch at a time, with the same JS that
 * dates every write (`publishedSeconds`): a backfilled row and a rewritten one agree, and a date
 * Postgres could not cast (or would read otherwise than `Date.parse`) cannot fail the migration.
 * Their change numbers stay: nothing an instance holds has changed.
 */
export async function backfillPaperDates(tx: Db): Promise<void> {
  let after = "0";
  for (;;) {
    const rows = await tx.query<{ after: string; id: string; published: string }>(datedPapers, [
      after,
      batchSize,
    ]);
    const ids: string[] = [];
    const seconds: string[] = [];
    for (const row of rows) {
      const at = publishedSeconds(row.published);
      if (at === null) continue;
      ids.push(row.id);
      seconds.push(at);
    }
    if (ids.length > 0) await tx.query(setDates, [ids, seconds]);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.after;
  }
}
