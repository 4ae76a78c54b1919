import type { Lease } from "../../../core/store/port.js";
import type { TargetKey } from "../../../core/target.js";
import type { Db } from "../db.js";
import { writing } from "../write-error.js";

/** Each change is one guarded UPDATE (or DELETE): the guard and the change cannot be separated. */

const startSendingSql = `
UPDATE deliveries SET status = 'sending', lease_until = $4::timestamptz
WHERE target_key = $1 AND local_date = $2 AND status = 'claimed' AND owner = $3 AND lease_until >= $5::timestamptz
RETURNING 1`;

const markSentSql = `
UPDATE deliveries
SET status = 'sent', sent_ids = paper_ids, at = $4::timestamptz, owner = NULL, lease_until = NULL, reply = NULL
WHERE target_key = $1 AND local_date = $2 AND status IN ('sending', 'claimed') AND owner = $3
RETURNING 1`;

const markFailedSql = `
UPDATE deliveries
SET status = 'failed', error = $4, at = $5::timestamptz, owner = NULL, lease_until = NULL, reply = NULL
WHERE target_key = $1 AND local_date = $2 AND status IN ('sending', 'claimed') AND owner = $3
RETURNING 1`;

/** The record goes, and its picks leave the sent history, in one statement. */
const releaseSql = `
WITH released AS (
  DELETE FROM deliveries
  WHERE target_key = $1 AND local_date = $2 AND status IN ('sending', 'claimed') AND owner = $3
  RETURNING target_key, paper_ids
), forgotten AS (
  DELETE FROM sent_papers s USING released r
  WHERE s.target_key = r.target_key AND s.paper_id = ANY (r.paper_ids)
)
SELECT 1 FROM released`;

export function startSending(
  db: Db,
  key: TargetKey,
  localDate: string,
  lease: Lease,
  now: Date,
): Promise<boolean> {
  return changed(db, startSendingSql, [
    key,
    localDate,
    lease.owner,
    lease.until.toISOString(),
    now.toISOString(),
  ]);
}

export function markSent(
  db: Db,
  key: TargetKey,
  localDate: string,
  owner: string,
  now: Date,
): Promise<boolean> {
  return changed(db, markSentSql, [key, localDate, owner, now.toISOString()]);
}

export function markFailed(
  db: Db,
  key: TargetKey,
  localDate: string,
  owner: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  return changed(db, markFailedSql, [key, localDate, owner, reason, now.toISOString()]);
}

export function release(db: Db, key: TargetKey, localDate: string, owner: string): Promise<boolean> {
  return changed(db, releaseSql, [key, localDate, owner]);
}

function changed(db: Db, sql: string, params: unknown[]): Promise<boolean> {
  return writing(db.location, async () => (await db.query(sql, params)).length > 0);
}
