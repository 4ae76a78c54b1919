import type { ScheduledSubscription, Subscription } from "../../../core/records.js";
import type { TargetHistory } from "../../../core/store/port.js";
import type { TargetKey } from "../../../core/target.js";
import type { Db } from "../db.js";
import { iso } from "../sql-time.js";

/**
 * The delivery history of the target whose key is `key` (an SQL expression): `last_local_date`,
 * the latest local date with any record, and `last_sent_at`, the `at` of the latest record (by
 * local date) that reached the chat. Two index lookups per target (the primary key, and the
 * partial index of records that reached the chat).
 */
function historyJoins(key: string): string {
  return `
  LEFT JOIN LATERAL (
    SELECT max(d.local_date) AS last_local_date FROM deliveries d WHERE d.target_key = ${key}
  ) latest ON true
  LEFT JOIN LATERAL (
    SELECT d.at FROM deliveries d
    WHERE d.target_key = ${key} AND (d.status = 'sent' OR cardinality(d.sent_ids) > 0)
    ORDER BY d.local_date DESC LIMIT 1
  ) reached ON true`;
}

interface HistoryRow {
  last_local_date: string | null;
  last_sent_at: string | null;
}

const historyColumns = `latest.last_local_date, ${iso("reached.at")} AS last_sent_at`;

/** subscriptions.scheduled(): every subscription with its history, in one query. */
export async function scheduledSubscriptions(db: Db): Promise<ScheduledSubscription[]> {
  const rows = await db.query<HistoryRow & { target_key: string; data: Subscription }>(
    `SELECT s.target_key, s.data, ${historyColumns}
     FROM subscriptions s ${historyJoins("s.target_key")}
     ORDER BY s.target_key`,
  );
  return rows.map((row) => ({ key: row.target_key, subscription: row.data, ...history(row) }));
}

/** deliveries.historyOf(): every asked key, with its sent papers oldest first, in one query. */
export async function historyOf(db: Db, keys: readonly TargetKey[]): Promise<Map<TargetKey, TargetHistory>> {
  const found = new Map<TargetKey, TargetHistory>();
  if (keys.length === 0) return found;
  const rows = await db.query<HistoryRow & { key: string; sent: string[] }>(
    `SELECT asked.key, ${historyColumns},
       ARRAY(SELECT p.paper_id FROM sent_papers p WHERE p.target_key = asked.key ORDER BY p.seq) AS sent
     FROM (SELECT DISTINCT key FROM unnest($1::text[]) AS k(key)) asked ${historyJoins("asked.key")}`,
    [[...keys]],
  );
  for (const row of rows) found.set(row.key, { sent: row.sent, ...history(row) });
  return found;
}

function history(row: HistoryRow): { lastLocalDate?: string; lastSentAt?: string } {
  return {
    ...(row.last_local_date === null ? {} : { lastLocalDate: row.last_local_date }),
    ...(row.last_sent_at === null ? {} : { lastSentAt: row.last_sent_at }),
  };
}
