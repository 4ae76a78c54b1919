import type { PruneCutoffs } from "../../../core/store/port.js";
import type { Db } from "../db.js";
import { writing } from "../write-error.js";

/** Records being claimed or sent stay whatever their date: an instance still holds them. */
const pruneSql = `
WITH old_deliveries AS (
  DELETE FROM deliveries WHERE local_date < $1 AND status NOT IN ('claimed', 'sending') RETURNING 1
), old_sent AS (
  DELETE FROM sent_papers WHERE published_at < $2::timestamptz RETURNING 1
)
SELECT (SELECT count(*) FROM old_deliveries)::int AS deliveries, (SELECT count(*) FROM old_sent)::int AS sent`;

export function prune(db: Db, cutoffs: PruneCutoffs): Promise<{ deliveries: number; sent: number }> {
  return writing(db.location, async () => {
    const [row] = await db.query<{ deliveries: number; sent: number }>(pruneSql, [
      cutoffs.deliveriesBefore,
      cutoffs.sentPublishedBefore.toISOString(),
    ]);
    return { deliveries: row?.deliveries ?? 0, sent: row?.sent ?? 0 };
  });
}
