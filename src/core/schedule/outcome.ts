import type { Target, TargetKey } from "../target.js";
import type { Reply } from "../commands/reply.js";
import type { PausedNotice } from "./paused-notice.js";

/** A digest a dry run would send. */
export interface PlannedDigest {
  key: TargetKey;
  target: Target;
  chatId: string;
  timezone: string;
  localDate: string;
  slotAt: Date;
  late: boolean;
  paperIds: string[];
  /** Null on a quiet day without a note: nothing would be sent. */
  reply: Reply | null;
}

/** What became of one due target in a fan-out. */
export type DeliveryOutcome =
  | { kind: "sent"; late: boolean }
  | { kind: "gone"; notice: PausedNotice }
  | { kind: "retry" }
  | { kind: "failed" }
  | { kind: "skipped" };
