import type { ComposeDigest } from "../delivery/digest-port.js";
import type { Logger } from "../log.js";
import type { BotState } from "../state/types.js";
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
 * What a fan-out at `now` would send to whom, without sending or recording anything: the dry run
 * behind `paperboy digest --dry-run`.
 */
export function previewDeliveries(deps: {
  state: Readonly<BotState>;
  compose: ComposeDigest;
  now: Date;
  graceHours: number;
  log: Logger;
}): DeliveryPreview {
  const plan = planDeliveries(deps.state, deps.now, deps.graceHours);
  const preview: DeliveryPreview = { plan, digests: [], failures: [] };
  for (const due of plan.due) {
    const digest = composeSafely(due, deps);
    if (digest instanceof Error) {
      preview.failures.push({ key: due.key, reason: digest.message });
      continue;
    }
    const { key, target, subscription, localDate, slotAt, late } = due;
    const { chatId, timezone } = subscription;
    const { paperIds, reply } = digest;
    preview.digests.push({ key, target, chatId, timezone, localDate, slotAt, late, paperIds, reply });
  }
  return preview;
}
