import type { Reply } from "../../../core/commands/reply.js";
import type { Delivery, DeliveryStatus } from "../../../core/records.js";
import { iso } from "../sql-time.js";

export interface DeliveryRow {
  target_key: string;
  local_date: string;
  status: DeliveryStatus;
  at: string;
  paper_ids: string[];
  sent_ids: string[];
  late: boolean;
  error: string | null;
  owner: string | null;
  lease_until: string | null;
  reply: Reply | null;
  chat_id: string | null;
}

/** The select list (or RETURNING list) that reads a DeliveryRow. */
export const deliveryColumns = `target_key, local_date, status, ${iso("at")} AS at, paper_ids, sent_ids, late,
  error, owner, ${iso("lease_until")} AS lease_until, reply, chat_id`;

/** The record, with its optional fields absent (not undefined) when the column is null. */
export function toDelivery(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    key: row.target_key,
    localDate: row.local_date,
    status: row.status,
    at: row.at,
    paperIds: row.paper_ids,
    sentIds: row.sent_ids,
    late: row.late,
  };
  if (row.error !== null) delivery.error = row.error;
  if (row.owner !== null) delivery.owner = row.owner;
  if (row.lease_until !== null) delivery.leaseUntil = row.lease_until;
  if (row.reply !== null) delivery.reply = row.reply;
  if (row.chat_id !== null) delivery.chatId = row.chat_id;
  return delivery;
}
