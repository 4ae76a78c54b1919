import type { ScheduledSubscription, Subscription } from "../../core/records.js";
import type { SubscriptionRecords } from "../../core/store/port.js";
import { historyOfLog } from "./delivery-history.js";
import { copyJson } from "./json-copy.js";
import type { RecordEngine } from "./record-engine.js";
import { formatFieldPath, subscriptionProblem } from "./shard-format.js";

export function subscriptionRecords(engine: RecordEngine): SubscriptionRecords {
  return {
    get: (key) => engine.read((data) => copyJson(data.subscriptions.get(key))),

    put: (key, subscription) =>
      engine.write("subscriptions", (tx) => {
        const stored: Subscription = copyJson(subscription);
        const problem = subscriptionProblem(stored);
        if (problem) throw new TypeError(`subscriptions.put: ${key} has a bad ${formatFieldPath(problem)}.`);
        tx.subscriptions.set(key, stored);
      }),

    delete: (key) =>
      engine.write("subscriptions", (tx) => {
        if (!tx.subscriptions.get(key)) return false;
        tx.subscriptions.set(key, undefined);
        return true;
      }),

    pause: (key, reason, now) =>
      engine.write("subscriptions", (tx) => {
        const stored = tx.subscriptions.get(key);
        if (!stored) return false;
        tx.subscriptions.set(key, { ...stored, paused: { reason, at: now.toISOString() } });
        return true;
      }),

    count: () => engine.read((data) => data.subscriptions.size),

    scheduled: () =>
      engine.read((data) => {
        const scheduled: ScheduledSubscription[] = [];
        for (const [key, subscription] of data.subscriptions.entries()) {
          const history = historyOfLog(data.deliveries.get(key)?.log ?? []);
          scheduled.push({ key, subscription: copyJson(subscription), ...history });
        }
        return scheduled;
      }),
  };
}
