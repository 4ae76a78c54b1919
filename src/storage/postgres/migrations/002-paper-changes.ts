/**
 * Paper change numbers, and sent papers' dates as given.
 *
 * `papers.change`: a number from `papers_change_seq`, taken on every insert and every update
 * that replaces a paper, so `PaperRecords.changedSince` finds what other instances stored (see
 * papers.ts for why they commit in order). Papers stored before get numbers in their stored order.
 *
 * `sent_papers.published`: the publication date exactly as given, so a snapshot answers the same
 * records it was given (`published_at` is that date parsed, for pruning). Rows stored before get
 * the parsed date as ISO text, the closest there is. (The SQL is spelled out, not built from
 * sql-time.ts: a released migration must not change.)
 */
export const paperChanges = `
CREATE SEQUENCE papers_change_seq AS bigint;
ALTER TABLE papers ADD COLUMN change bigint;
UPDATE papers SET change = ordered.n
FROM (SELECT id, row_number() OVER (ORDER BY position) AS n FROM papers) ordered
WHERE papers.id = ordered.id;
SELECT setval('papers_change_seq', coalesce((SELECT max(change) FROM papers), 0) + 1, false);
ALTER TABLE papers
  ALTER COLUMN change SET DEFAULT nextval('papers_change_seq'),
  ALTER COLUMN change SET NOT NULL;
ALTER SEQUENCE papers_change_seq OWNED BY papers.change;
CREATE UNIQUE INDEX papers_change_idx ON papers (change);

ALTER TABLE sent_papers ADD COLUMN published text;
UPDATE sent_papers SET published = to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
WHERE published_at IS NOT NULL;
`;
