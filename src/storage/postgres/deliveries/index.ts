import type { DeliveryLog } from "../../../core/store/port.js";
import type { Lane } from "../call-groups.js";
import type { Db } from "../db.js";
import { claim } from "./claim.js";
import { historyOf } from "./history.js";
import { recordUnsent } from "./record-unsent.js";
import { deliveryColumns, toDelivery } from "./rows.js";
import type { DeliveryRow } from "./rows.js";
import { takeOver } from "./take-over.js";
import { transitions } from "./transitions.js";
import { prune } from "./prune.js";

/**
 * The delivery log over the `deliveries` and `sent_papers` tables; one file per question. The
 * moves of a claim go in groups through `lane` (see `transitions.ts`): wait for `lane.idle()`
 * before closing `db`.
 */
export function deliveryLog(db: Db, lane: Lane): DeliveryLog {
  return {
    claim: (claims, lease, now) => claim(db, claims, lease, now),
    recordUnsent: (days, now) => recordUnsent(db, days, now),
    takeOver: (lease, now) => takeOver(db, lease, now),
    ...transitions(db, lane),
    historyOf: (keys) => historyOf(db, keys),
    async recent(key, limit) {
      const rows = await db.query<DeliveryRow>(
        `SELECT ${deliveryColumns} FROM deliveries WHERE target_key = $1 ORDER BY local_date DESC LIMIT $2`,
        [key, limit],
      );
      return rows.map(toDelivery);
    },
    async failedSince(since, limit) {
      const rows = await db.query<DeliveryRow>(
        `SELECT ${deliveryColumns} FROM deliveries WHERE status = 'failed' AND at >= $1::timestamptz
         ORDER BY at DESC, target_key COLLATE "C", local_date DESC LIMIT $2`,
        [since.toISOString(), Math.max(0, limit)],
      );
      return rows.map(toDelivery);
    },
    prune: (cutoffs) => prune(db, cutoffs),
  };
}
