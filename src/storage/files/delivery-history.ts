import type { DeliveryHistory } from "../../core/records.js";
import type { StoredDelivery } from "./record-data.js";

/**
 * What planning needs of a target's log (oldest local date first): its latest local date, and when
 * the latest digest that reached the chat (sent, or partly sent) went out. Fields without a value
 * are absent.
 */
export function historyOfLog(log: readonly StoredDelivery[]): DeliveryHistory {
  const history: DeliveryHistory = {};
  const last = log.at(-1);
  if (last) history.lastLocalDate = last.localDate;
  for (let index = log.length - 1; index >= 0; index--) {
    const record = log[index];
    if (record && (record.status === "sent" || record.sentIds.length > 0)) {
      history.lastSentAt = record.at;
      break;
    }
  }
  return history;
}
