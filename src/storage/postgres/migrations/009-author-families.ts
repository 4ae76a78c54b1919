import { authorFamilies } from "../../../core/recommender/author-names.js";
import type { Db } from "../db.js";
import { pageSqlOf, pagesOf } from "../papers.js";

/**
 * The family names each paper's authors read as, so that `/follow` reads only the bylines that can
 * match a name (`PaperRecords.bylinesByFamily`) instead of every paper's.
 *
 * `papers.author_families`: `authorFamilies` of the paper's authors, each once; empty for none. Every
 * write fills it (papers.ts). A paperboy that reads names otherwise must file every paper again, in
 * a migration of its own: rows filed the old way would hide papers from `/follow`.
 */
export const authorFamiliesColumn = `
ALTER TABLE papers ADD COLUMN author_families text[] NOT NULL DEFAULT '{}';
-- bylinesByFamily: the papers with an author of any of some family names.
CREATE INDEX papers_author_families_idx ON papers USING gin (author_families);
`;

/** Papers read and filed per statement: a few hundred kilobytes of names each way. */
const batchSize = 2_000;

const papersWithAuthors = pageSqlOf("id, data -> 'authors' AS authors");

/** $1: one JSON array of `{id, families}`. */
const setFamilies = `
UPDATE papers SET author_families = given.families
FROM jsonb_to_recordset($1::text::jsonb) AS given(id text, families text[])
WHERE papers.id = given.id`;

/**
 * Files the papers stored before the column existed, a batch at a time, with the same JS that
 * files every write (`authorFamilies`), so that a backfilled row and a rewritten one agree. Their
 * change numbers stay: nothing an instance holds has changed.
 */
export async function backfillAuthorFamilies(tx: Db): Promise<void> {
  const filedOf = ({ id, authors }: { id: string; authors: unknown }) => ({
    id,
    families: authorFamilies(authors),
  });
  for await (const batch of pagesOf(tx, papersWithAuthors, batchSize, filedOf)) {
    const filed = batch.filter(({ families }) => families.length > 0);
    if (filed.length > 0) await tx.query(setFamilies, [JSON.stringify(filed)]);
  }
}
