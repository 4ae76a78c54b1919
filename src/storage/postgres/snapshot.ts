import type { Paper } from "../../core/paper.js";
import { emptyCounts } from "../../core/records.js";
import type {
  CastVote,
  SavedPaper,
  SentPaper,
  StoreCounts,
  StoreSnapshot,
  Subscription,
} from "../../core/records.js";
import type { TargetKey } from "../../core/target.js";
import type { Db } from "./db.js";
import { deliveryColumns, toDelivery } from "./deliveries/rows.js";
import type { DeliveryRow } from "./deliveries/rows.js";
import { libraryColumns, toLibrary } from "./libraries.js";
import type { LibraryRow } from "./libraries.js";
import { profileColumns, toProfile } from "./profiles.js";
import type { ProfileRow } from "./profiles.js";
import { newestFirst, savedPaperColumns, toSavedPaper } from "./reading-lists.js";
import type { SavedPaperRow } from "./reading-lists.js";
import { toCastVote, voteColumns } from "./votes.js";
import type { VoteRow } from "./votes.js";

const countsSql = `
SELECT (SELECT count(*) FROM papers)::int AS papers,
  (SELECT count(*) FROM profiles)::int AS profiles,
  (SELECT count(*) FROM subscriptions)::int AS subscriptions,
  (SELECT count(*) FROM deliveries)::int AS deliveries,
  (SELECT count(*) FROM sent_papers)::int AS sent,
  (SELECT count(*) FROM libraries)::int AS libraries,
  (SELECT count(*) FROM saved_papers)::int AS saved,
  (SELECT count(*) FROM votes)::int AS votes`;

/** Store.counts(): one statement, so one moment. */
export async function counts(db: Db): Promise<StoreCounts> {
  const [row] = await db.query<StoreCounts>(countsSql);
  return row ?? emptyCounts();
}

/**
 * Store.snapshot(): every table read in one repeatable-read transaction, so the records are of
 * one moment even while other instances write (a claim's record and its sent papers together),
 * and a replaceAll waits for it, or it for the replaceAll.
 */
export function snapshot(db: Db): Promise<StoreSnapshot> {
  return db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // Locked before the first SELECT takes the snapshot: a replaceAll under way (its TRUNCATE is
    // not MVCC-safe: a snapshot taken before it would see the tables empty after it) is waited for.
    await tx.query(
      "LOCK TABLE papers, profiles, subscriptions, deliveries, sent_papers, libraries, saved_papers, votes " +
        "IN ACCESS SHARE MODE",
    );
    const papers = await tx.query<{ data: Paper }>("SELECT data FROM papers ORDER BY position");
    const profiles = await tx.query<ProfileRow>(`SELECT ${profileColumns} FROM profiles ORDER BY target_key`);
    const subscriptions = await tx.query<{ target_key: string; data: Subscription }>(
      "SELECT target_key, data FROM subscriptions ORDER BY target_key",
    );
    const deliveries = await tx.query<DeliveryRow>(
      `SELECT ${deliveryColumns} FROM deliveries ORDER BY target_key, local_date`,
    );
    const sent = await tx.query<{ target_key: string; paper_id: string; published: string | null }>(
      "SELECT target_key, paper_id, published FROM sent_papers ORDER BY target_key, seq",
    );
    const libraries = await tx.query<LibraryRow>(
      `SELECT ${libraryColumns} FROM libraries ORDER BY target_key`,
    );
    const saved = await tx.query<SavedPaperRow>(
      `SELECT ${savedPaperColumns} FROM saved_papers ORDER BY target_key, ${newestFirst}`,
    );
    const votes = await tx.query<VoteRow>(
      `SELECT ${voteColumns} FROM votes ORDER BY target_key, paper_id, member`,
    );
    return {
      papers: papers.map((row) => row.data),
      profiles: new Map(profiles.map((row) => [row.target_key, toProfile(row)])),
      subscriptions: new Map(subscriptions.map((row) => [row.target_key, row.data])),
      deliveries: deliveries.map(toDelivery),
      sent: sentByTarget(sent),
      libraries: new Map(libraries.map((row) => [row.target_key, toLibrary(row)])),
      saved: groupedByTarget(saved, toSavedPaper),
      votes: groupedByTarget(votes, toCastVote),
    };
  });
}

/** Rows in target order, as each target's list (in the rows' order). */
function groupedByTarget<R extends { target_key: string }, T extends SavedPaper | CastVote>(
  rows: readonly R[],
  toRecord: (row: R) => T,
): Map<TargetKey, T[]> {
  const byTarget = new Map<TargetKey, T[]>();
  for (const row of rows) {
    let list = byTarget.get(row.target_key);
    if (!list) byTarget.set(row.target_key, (list = []));
    list.push(toRecord(row));
  }
  return byTarget;
}

function sentByTarget(
  rows: readonly { target_key: string; paper_id: string; published: string | null }[],
): Map<TargetKey, SentPaper[]> {
  const sent = new Map<TargetKey, SentPaper[]>();
  for (const row of rows) {
    let list = sent.get(row.target_key);
    if (!list) sent.set(row.target_key, (list = []));
    list.push(
      row.published === null ? { id: row.paper_id } : { id: row.paper_id, publishedAt: row.published },
    );
  }
  return sent;
}
