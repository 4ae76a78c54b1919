import type { UnsentDay } from "../../../core/store/port.js";
import type { Db } from "../db.js";
import { writing } from "../write-error.js";

const insertUnsent = `
INSERT INTO deliveries (target_key, local_date, status, at, paper_ids, sent_ids, late, error)
SELECT d.key, d.local_date, d.status, $1::timestamptz, '{}', '{}', false, d.reason
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS d(key, local_date, status, reason, n)
ORDER BY d.n
ON CONFLICT (target_key, local_date) DO NOTHING`;

export function recordUnsent(db: Db, days: readonly UnsentDay[], now: Date): Promise<void> {
  if (days.length === 0) return Promise.resolve();
  return writing(db.location, async () => {
    await db.query(insertUnsent, [
      now.toISOString(),
      days.map((day) => day.key),
      days.map((day) => day.localDate),
      days.map((day) => day.status),
      days.map((day) => day.reason),
    ]);
  });
}
