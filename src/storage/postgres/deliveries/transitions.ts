import type { DeliveryLog } from "../../../core/store/port.js";
import { CallGroups } from "../call-groups.js";
import type { Lane } from "../call-groups.js";
import type { Db } from "../db.js";
import { writing } from "../write-error.js";

/**
 * The moves of a claim (`startSending`, `markSent`, `markFailed`, `release`). Each is a guarded
 * UPDATE (or DELETE), so the guard and the change cannot be separated, and calls made together
 * go as one statement for all of them (see `call-groups.ts`): row `n` of the arrays is the n-th
 * call, and RETURNING names the calls whose guard held. A group never holds one record twice.
 */

const startSendingSql = `
UPDATE deliveries d SET status = 'sending', lease_until = c.lease_until::timestamptz
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
  WITH ORDINALITY AS c(key, local_date, owner, lease_until, now, n)
WHERE d.target_key = c.key AND d.local_date = c.local_date AND d.status = 'claimed' AND d.owner = c.owner
  AND d.lease_until >= c.now::timestamptz
RETURNING c.n::int AS n`;

const markSentSql = `
UPDATE deliveries d
SET status = 'sent', sent_ids = d.paper_ids, at = c.now::timestamptz, owner = NULL, lease_until = NULL, reply = NULL
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c(key, local_date, owner, now, n)
WHERE d.target_key = c.key AND d.local_date = c.local_date AND d.status IN ('sending', 'claimed') AND d.owner = c.owner
RETURNING c.n::int AS n`;

const markFailedSql = `
UPDATE deliveries d
SET status = 'failed', error = c.reason, at = c.now::timestamptz, owner = NULL, lease_until = NULL, reply = NULL
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
  WITH ORDINALITY AS c(key, local_date, owner, reason, now, n)
WHERE d.target_key = c.key AND d.local_date = c.local_date AND d.status IN ('sending', 'claimed') AND d.owner = c.owner
RETURNING c.n::int AS n`;

/** The records go, and their picks leave the sent history, in one statement. */
const releaseSql = `
WITH released AS (
  DELETE FROM deliveries d
  USING unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c(key, local_date, owner, n)
  WHERE d.target_key = c.key AND d.local_date = c.local_date AND d.status IN ('sending', 'claimed') AND d.owner = c.owner
  RETURNING c.n::int AS n, d.target_key, d.paper_ids
), forgotten AS (
  DELETE FROM sent_papers s USING released r
  WHERE s.target_key = r.target_key AND s.paper_id = ANY (r.paper_ids)
)
SELECT n FROM released`;

type Transitions = Pick<DeliveryLog, "startSending" | "markSent" | "markFailed" | "release">;

/** The four moves on `db`, their groups written one at a time through `lane`. */
export function transitions(db: Db, lane: Lane): Transitions {
  const startSending = grouped(db, lane, startSendingSql);
  const markSent = grouped(db, lane, markSentSql);
  const markFailed = grouped(db, lane, markFailedSql);
  const release = grouped(db, lane, releaseSql);
  return {
    startSending: (key, localDate, lease, now) =>
      startSending([key, localDate, lease.owner, lease.until.toISOString(), now.toISOString()]),
    markSent: (key, localDate, owner, now) => markSent([key, localDate, owner, now.toISOString()]),
    markFailed: (key, localDate, owner, reason, now) =>
      markFailed([key, localDate, owner, reason, now.toISOString()]),
    release: (key, localDate, owner) => release([key, localDate, owner]),
  };
}

/**
 * One call is its row of parameters, key and local date first; `sql` takes each column as an
 * array. A failed group rejects each of its calls with a StoreWriteError of its own.
 */
function grouped(db: Db, lane: Lane, sql: string): (row: string[]) => Promise<boolean> {
  const groups = new CallGroups<string[], boolean>(
    lane,
    ([key, localDate]) => `${key}\u0000${localDate}`,
    async (rows) => {
      const columns = rows[0]?.map((_, column) => rows.map((row) => row[column])) ?? [];
      const changed = await db.query<{ n: number }>(sql, columns);
      const held = new Set(changed.map((row) => row.n));
      return rows.map((_, index) => held.has(index + 1));
    },
  );
  return (row) => writing(db.location, () => groups.call(row));
}
