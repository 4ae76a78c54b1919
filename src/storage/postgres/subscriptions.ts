import type { Subscription } from "../../core/records.js";
import type { SubscriptionRecords } from "../../core/store/port.js";
import type { Db } from "./db.js";
import { scheduledSubscriptions } from "./deliveries/history.js";
import { writing } from "./write-error.js";

export function subscriptionRecords(db: Db): SubscriptionRecords {
  return {
    async get(key) {
      const [row] = await db.query<{ data: Subscription }>(
        "SELECT data FROM subscriptions WHERE target_key = $1",
        [key],
      );
      return row?.data;
    },

    put(key, subscription) {
      return writing(db.location, async () => {
        await db.query(
          `INSERT INTO subscriptions (target_key, data) VALUES ($1, $2::text::jsonb)
           ON CONFLICT (target_key) DO UPDATE SET data = excluded.data`,
          [key, JSON.stringify(subscription)],
        );
      });
    },

    delete(key) {
      return writing(db.location, async () => {
        const rows = await db.query("DELETE FROM subscriptions WHERE target_key = $1 RETURNING 1", [key]);
        return rows.length > 0;
      });
    },

    pause(key, reason, now) {
      return writing(db.location, async () => {
        const rows = await db.query(
          `UPDATE subscriptions
           SET data = jsonb_set(data, '{paused}', jsonb_build_object('reason', $2::text, 'at', $3::text))
           WHERE target_key = $1 RETURNING 1`,
          [key, reason, now.toISOString()],
        );
        return rows.length > 0;
      });
    },

    async count() {
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM subscriptions");
      return row?.n ?? 0;
    },

    scheduled: () => scheduledSubscriptions(db),
  };
}
