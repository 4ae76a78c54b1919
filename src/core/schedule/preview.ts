import { readDigestRecords } from "./digest-records.js";
import type { ComposeDigest } from "../delivery/digest-port.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/port.js";
import { composeSafely } from "./claim-batch.js";
import type { PlannedDigest } from "./outcome.js";
import type { DeliveryPlan } from "./plan.js";
import { planDeliveries } from "./plan.js";

export interface DeliveryPreview {
  plan: DeliveryPlan;
  /** The digests that would go out, in plan order. */
  digests: PlannedDigest[];
  /** Due targets whose digest could not be composed. */
  failures: Array<{ key: string; reason: string }>;
}

/**
 * What a fan-out at `now` would send to whom, reading the store without sending or recording
 * anything: the dry run behind `paperboy digest --dry-run`.
 */
export async function previewDeliveries(deps: {
  store: Store;
  compose: ComposeDigest;
  now: Date;
  graceHours: number;
  log: Logger;
}): Promise<DeliveryPreview> {
  const plan = planDeliveries(await deps.store.subscriptions.scheduled(), deps.now, deps.graceHours);
  const preview: DeliveryPreview = { plan, digests: [], failures: [] };
  const records = await readDigestRecords(
    deps.store,
    plan.due.map((due) => due.key),
    deps.log,
  );
  for (const due of plan.due) {
    const { key, target, subscription, localDate, slotAt, late } = due;
    const digest = composeSafely(records.inputOf(key, subscription), late, deps);
    if (digest instanceof Error) {
      preview.failures.push({ key, reason: digest.message });
      continue;
    }
    const { chatId, timezone } = subscription;
    const paperIds = digest.papers.map((paper) => paper.id);
    preview.digests.push({
      key,
      target,
      chatId,
      timezone,
      localDate,
      slotAt,
      late,
      paperIds,
      reply: digest.reply,
    });
  }
  return preview;
}
