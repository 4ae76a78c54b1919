import { type IndexedPaper, type Paper, type PaperByline, withPublishedAt } from "../../core/paper.js";
import { authorFamilies } from "../../core/recommender/author-names.js";
import type { PaperRecords, PapersVersion } from "../../core/store/port.js";
import { checkPageSize, checkTime } from "../../core/store/arguments.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";
import { epochSeconds, publishedSeconds } from "./paper-dates.js";
import { writing } from "./write-error.js";

/** Papers per INSERT: one statement for a usual ingest, bounded parameter size for a huge one. */
const batchSize = 2_000;

/**
 * One INSERT per batch, the papers passed as one JSON array, their publication dates as a parallel
 * array (see paper-dates.ts) and their authors' family names as a parallel JSON array of arrays
 * (ragged, which a Postgres array cannot be; see bylinesByFamily). A replaced paper keeps its row,
 * hence its position, and gets a new change number, date and family names; an unchanged one is not
 * rewritten at all (an instance storing its whole corpus again sends no one anything new).
 */
const upsert = `
INSERT INTO papers (id, data, published_at, author_families)
SELECT paper ->> 'id', paper, to_timestamp(($2::text[])[n]::float8),
  ARRAY(SELECT jsonb_array_elements_text(($3::text::jsonb) -> (n - 1)::int))
FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS given(paper, n)
ORDER BY n
ON CONFLICT (id) DO UPDATE
SET data = excluded.data, published_at = excluded.published_at, author_families = excluded.author_families,
  change = nextval('papers_change_seq')
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
    const batch = unique.slice(start, start + batchSize);
    await tx.query(upsert, [
      JSON.stringify(batch),
      batch.map((paper) => publishedSeconds(paper.publishedAt)),
      JSON.stringify(batch.map((paper) => authorFamilies(paper.authors))),
    ]);
  }
}

/** bigint as text: node-postgres and PGlite parse bigint differently. */
const changedSinceSql = `
SELECT top.version::text AS version, p.data
FROM (SELECT coalesce(max(change), 0) AS version FROM papers) top
LEFT JOIN LATERAL (SELECT change, data FROM papers WHERE change > $1::bigint) p ON true
ORDER BY p.change`;

/** `since`: the papers dated at or after $1 (epoch seconds) and the undated ones, by position. */
const sinceSql = `
SELECT data FROM papers
WHERE published_at IS NULL OR published_at >= to_timestamp($1::float8)
ORDER BY position`;

/**
 * The next page of `columns` after position $1 (keyset, never OFFSET); the bigint position as text,
 * named apart from the column so that ORDER BY sorts by the number, not by its text.
 */
export function pageSqlOf(columns: string): string {
  return `
SELECT papers.position::text AS after, ${columns} FROM papers
WHERE papers.position > $1::bigint
ORDER BY papers.position
LIMIT $2`;
}

/** `pages`: whole papers. */
const pageSql = pageSqlOf("data");

/** `indexedPages`: only what the search index reads, as text (no JSON to parse). */
const indexedPageSql = pageSqlOf(
  "id, data ->> 'title' AS title, data ->> 'abstract' AS abstract, data ->> 'publishedAt' AS published",
);

/** `bylinesByFamily`: only what a byline holds (the authors as JSON), of the papers filed under $1. */
const bylinesByFamilySql = `
SELECT id, data ->> 'title' AS title, data -> 'authors' AS authors, data ->> 'publishedAt' AS published
FROM papers
WHERE author_families && $1::text[]
ORDER BY position`;

/**
 * `sourceSummary`: one row per (source, paper), a source a paper lists twice counted once; per
 * source the count and the stored `publishedAt` of the paper dated last (of those dated the same
 * instant, the first stored). A `sources` that is not an array counts as none. Sources compared
 * and ordered in the "C" collation: code-unit order, as the files store sorts them.
 */
const sourceSummarySql = `
WITH listed AS (
  SELECT DISTINCT s.source COLLATE "C" AS source, p.position, p.published_at,
    p.data ->> 'publishedAt' AS published
  FROM papers p
  CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(p.data -> 'sources') = 'array' THEN p.data -> 'sources' ELSE '[]' END
  ) AS s(source)
), counted AS (
  SELECT source, count(*)::int AS papers FROM listed GROUP BY source
), newest AS (
  SELECT DISTINCT ON (source) source, published FROM listed
  WHERE published_at IS NOT NULL
  ORDER BY source, published_at DESC, position
)
SELECT c.source, c.papers, n.published AS newest
FROM counted c LEFT JOIN newest n ON n.source = c.source
ORDER BY c.source`;

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

    /** One query for the distinct ids, then put in the order asked. */
    async get(ids) {
      const asked = [...new Set(ids)];
      if (asked.length === 0) return [];
      const rows = await db.query<{ id: string; data: Paper }>(
        "SELECT id, data FROM papers WHERE id = ANY($1::text[])",
        [asked],
      );
      const byId = new Map(rows.map((row) => [row.id, row.data]));
      return asked.flatMap((id) => byId.get(id) ?? []);
    },

    async since(since) {
      checkTime("since", since);
      const rows = await db.query<{ data: Paper }>(sinceSql, [epochSeconds(since.getTime())]);
      return rows.map((row) => row.data);
    },

    pages: (size) => pagesOf(db, pageSql, size, (row: { data: Paper }) => row.data),

    indexedPages: (size) => pagesOf(db, indexedPageSql, size, indexedPaperOf),

    async bylinesByFamily(families) {
      if (families.length === 0) return [];
      const rows = await db.query<BylineRow>(bylinesByFamilySql, [[...new Set(families)]]);
      return rows.map(bylineOf);
    },

    async sourceSummary() {
      const rows = await db.query<{ source: string; papers: number; newest: string | null }>(
        sourceSummarySql,
      );
      return rows.map(({ source, papers, newest }) =>
        newest === null ? { source, papers } : { source, papers, newest },
      );
    },
  };
}

/** Each page its own query (`sql`, as `pageSql` pages), after the last position of the one before. */
export async function* pagesOf<R, T>(
  db: Db,
  sql: string,
  size: number,
  item: (row: R) => T,
): AsyncGenerator<T[]> {
  checkPageSize(size);
  let after = "0";
  for (;;) {
    const rows = await db.query<R & { after: string }>(sql, [after, size]);
    if (rows.length > 0) yield rows.map(item);
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = last.after;
  }
}

interface IndexedPaperRow {
  id: string;
  title: string | null;
  abstract: string | null;
  published: string | null;
}

function indexedPaperOf({ id, title, abstract, published }: IndexedPaperRow): IndexedPaper {
  return withPublishedAt({ id, title: title ?? "", abstract: abstract ?? "" }, published);
}

interface BylineRow {
  id: string;
  title: string | null;
  /** As stored: the driver parses the JSON array. */
  authors: string[] | null;
  published: string | null;
}

function bylineOf({ id, title, authors, published }: BylineRow): PaperByline {
  return withPublishedAt({ id, title: title ?? "", authors: authors ?? [] }, published);
}
