import type { Delivery } from "../../../core/records.js";
import type { Lease } from "../../../core/store/port.js";
import type { Db } from "../db.js";
import { writing } from "../write-error.js";
import { deliveryColumns, toDelivery } from "./rows.js";
import type { DeliveryRow } from "./rows.js";

/**
 * Locks the records whose lease ended, skipping those another instance has locked (taking them
 * over, or marking them sent right now): several instances taking over at once each get
 * different records. A row locked after another instance's commit is re-checked against the
 * WHERE clause, so a record already taken over (its lease renewed) is not taken again.
 * In SET, `status` is the old value: claimed ones pass to the lease, sending ones fail.
 */
const takeOverSql = `
WITH changed AS (
  UPDATE deliveries SET
    status = CASE WHEN status = 'sending' THEN 'failed' ELSE status END,
    error = CASE WHEN status = 'sending' THEN 'interrupted while sending' ELSE error END,
    owner = CASE WHEN status = 'claimed' THEN $1 END,
    lease_until = CASE WHEN status = 'claimed' THEN $2::timestamptz END,
    reply = CASE WHEN status = 'claimed' THEN reply END
  WHERE (target_key, local_date) IN (
    SELECT target_key, local_date FROM deliveries
    WHERE status IN ('claimed', 'sending') AND lease_until < $3::timestamptz
    FOR UPDATE SKIP LOCKED
  )
  RETURNING ${deliveryColumns}
)
SELECT * FROM changed WHERE status = 'claimed' ORDER BY local_date, target_key`;

export function takeOver(db: Db, lease: Lease, now: Date): Promise<Delivery[]> {
  return writing(db.location, async () => {
    const rows = await db.query<DeliveryRow>(takeOverSql, [
      lease.owner,
      lease.until.toISOString(),
      now.toISOString(),
    ]);
    return rows.map(toDelivery);
  });
}
