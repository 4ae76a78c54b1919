import type { StoreSnapshot } from "../../core/records.js";
import { withoutIndexes } from "./bulk-load.js";
import type { Db } from "./db.js";
import { serialisePaperWriters, writePapers } from "./papers.js";
import { publishedSeconds } from "./paper-dates.js";
import { writing } from "./write-error.js";

/**
 * Records (or targets' sent histories) per INSERT. Each statement carries its rows as one JSON
 * parameter, so ten thousand users take some hundreds of statements rather than millions, each
 * parameter within a few megabytes. (10,000 users with a month of history, 1.8 million rows: about
 * 12 s replacing a loaded store, 25 s into a new one, on a busy 2-core machine.)
 */
const chunk = { records: 2_000, sentTargets: 200, libraryPapers: 2_000 } as const;

/**
 * Libraries go by their papers (each whole in one statement): up to `chunk.libraryPapers` papers
 * per INSERT, or one larger library alone. A paper with its abstract is ~1 KB of JSON, so a
 * statement's parameter stays within a few megabytes, where 2,000 libraries of 1,000 papers each
 * would have been two gigabytes.
 */
const libraryWeight = (library: { papers: readonly unknown[] }): number => library.papers.length + 1;

/**
 * JSON records to rows: `json_to_recordset` reads each object's fields by name (the quoted
 * names are the records' own) and converts JSON arrays to text[]. A field that is absent is NULL.
 */
const insertProfiles = `
INSERT INTO profiles (target_key, interests, liked, disliked, follows, mutes, categories, updated_at)
SELECT key, interests, liked, disliked,
  coalesce(follows, '{}'), coalesce(mutes, '{}'), coalesce(categories, '{}'), "updatedAt"
FROM json_to_recordset($1::json)
  AS r(key text, interests text[], liked text[], disliked text[], follows text[], mutes text[],
    categories text[], "updatedAt" timestamptz)`;

const insertSubscriptions = `
INSERT INTO subscriptions (target_key, data)
SELECT key, subscription FROM json_to_recordset($1::json) AS r(key text, subscription jsonb)`;

const insertLibraries = `
INSERT INTO libraries (target_key, imported_at, papers)
SELECT key, "importedAt", papers
FROM json_to_recordset($1::json) AS r(key text, "importedAt" timestamptz, papers jsonb)`;

/**
 * Saved papers in the order given, which the rows' `seq` keeps: each list is given oldest first
 * (reversed from the snapshot's newest first), so papers saved at one instant read back as given.
 */
const insertSaved = `
INSERT INTO saved_papers (target_key, paper_id, saved_by, saved_by_name, saved_at)
SELECT r.key, r."paperId", r."savedBy", r."savedByName", r."savedAt"
FROM ROWS FROM (json_to_recordset($1::json)
    AS (key text, "paperId" text, "savedBy" text, "savedByName" text, "savedAt" timestamptz))
  WITH ORDINALITY AS r(key, "paperId", "savedBy", "savedByName", "savedAt", n)
ORDER BY r.n`;

const insertVotes = `
INSERT INTO votes (target_key, paper_id, member, vote, at)
SELECT key, "paperId", member, vote, at
FROM json_to_recordset($1::json) AS r(key text, "paperId" text, member text, vote smallint, at timestamptz)`;

const insertDeliveries = `
INSERT INTO deliveries
  (target_key, local_date, status, at, paper_ids, sent_ids, late, error, owner, lease_until, reply, chat_id)
SELECT key, "localDate", status, at, "paperIds", "sentIds", late, error, owner, "leaseUntil", reply, "chatId"
FROM json_to_recordset($1::json) AS r(key text, "localDate" text, status text, at timestamptz,
  "paperIds" text[], "sentIds" text[], late boolean, error text, owner text, "leaseUntil" timestamptz,
  reply jsonb, "chatId" text)`;

/**
 * One JSON object per target, its papers as parallel arrays (ids, dates as given, dates as
 * `epochSeconds` text), unnested in the order given, which `seq` keeps: each target's history
 * oldest first.
 */
const insertSent = `
INSERT INTO sent_papers (target_key, paper_id, published, published_at)
SELECT r.key, s.paper_id, s.published, to_timestamp(s.published_at::float8)
FROM ROWS FROM (json_to_recordset($1::json) AS (key text, ids text[], given text[], parsed text[]))
  WITH ORDINALITY AS r(key, ids, given, parsed, n)
CROSS JOIN LATERAL unnest(r.ids, r.given, r.parsed) WITH ORDINALITY AS s(paper_id, published, published_at, i)
ORDER BY r.n, s.i`;

/**
 * Store.replaceAll(): one transaction that empties every table and loads the snapshot, so other
 * instances see the old records or the new ones, never a mix. TRUNCATE (not DELETE) empties the
 * tables at once whatever their size, and keeps every instance out until the commit; the papers'
 * change numbers go on from where they were (not restarted), so instances following
 * `changedSince` receive the snapshot's papers as new. A snapshot that the tables refuse (two
 * records of one day, an unreadable time) rejects with StoreWriteError and changes nothing.
 */
export function replaceAll(db: Db, snapshot: StoreSnapshot): Promise<void> {
  return writing(db.location, () =>
    db.transaction(async (tx) => {
      // Before TRUNCATE, in the order paper writers take them: the papers' lock, then the table.
      await serialisePaperWriters(tx);
      await tx.query(
        "TRUNCATE papers, profiles, subscriptions, deliveries, sent_papers, libraries, saved_papers, votes",
      );
      await writePapers(tx, snapshot.papers);
      const asJson = (rows: unknown[]) => [JSON.stringify(rows)];
      const profiles = [...snapshot.profiles].map(([key, profile]) => ({ key, ...profile }));
      await inChunks(tx, insertProfiles, profiles, chunk.records, asJson);
      const subscriptions = [...snapshot.subscriptions].map(([key, subscription]) => ({ key, subscription }));
      await inChunks(tx, insertSubscriptions, subscriptions, chunk.records, asJson);
      const libraries = [...snapshot.libraries].map(([key, library]) => ({ key, ...library }));
      const libraryRuns = inRuns(libraries, libraryWeight, chunk.libraryPapers);
      await inChunks(tx, insertLibraries, libraryRuns, 1, (part) => asJson(part.flat()));
      const saved = [...snapshot.saved].flatMap(([key, papers]) =>
        papers.map((paper) => ({ key, ...paper })).reverse(),
      );
      await inChunks(tx, insertSaved, saved, chunk.records, asJson);
      const votes = [...snapshot.votes].flatMap(([key, cast]) => cast.map((vote) => ({ key, ...vote })));
      await inChunks(tx, insertVotes, votes, chunk.records, asJson);
      await withoutIndexes(tx, ["deliveries", "sent_papers"], async () => {
        await inChunks(tx, insertDeliveries, snapshot.deliveries, chunk.records, asJson);
        await inChunks(tx, insertSent, sentByTarget(snapshot.sent), chunk.sentTargets, asJson);
      });
    }),
  );
}

/** Each target's sent papers as parallel arrays; each distinct date is parsed once (targets share papers). */
function sentByTarget(sent: StoreSnapshot["sent"]) {
  const parsed = new Map<string | undefined, string | null>();
  const parse = (date: string | undefined): string | null => {
    let time = parsed.get(date);
    if (time === undefined) parsed.set(date, (time = publishedSeconds(date)));
    return time;
  };
  return [...sent].map(([key, papers]) => ({
    key,
    ids: papers.map((paper) => paper.id),
    given: papers.map((paper) => paper.publishedAt ?? null),
    parsed: papers.map((paper) => parse(paper.publishedAt)),
  }));
}

/** `items` in runs of consecutive ones whose weights add up to at most `max`; a heavier item runs alone. */
function inRuns<T>(items: readonly T[], weight: (item: T) => number, max: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let total = 0;
  for (const item of items) {
    const itemWeight = weight(item);
    if (run.length > 0 && total + itemWeight > max) {
      runs.push(run);
      run = [];
      total = 0;
    }
    run.push(item);
    total += itemWeight;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Runs `sql` once per chunk of `items`, preparing each chunk's parameters while the server still
 * stores the chunk before: the client's JSON and the server's inserts overlap.
 */
async function inChunks<T>(
  tx: Db,
  sql: string,
  items: readonly T[],
  size: number,
  params: (part: T[]) => unknown[],
): Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < items.length; start += size) {
    const next = params(items.slice(start, start + size));
    await previous;
    previous = tx.query(sql, next);
    // Handled here too, in case `params` throws before it is awaited; the await still rejects.
    previous.catch(() => {});
  }
  await previous;
}
