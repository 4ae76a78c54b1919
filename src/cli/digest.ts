import { parseArgs } from "node:util";
import type { ComposeDigest } from "../core/delivery/digest-port.js";
import type { Logger } from "../core/log.js";
import type { PlannedDigest } from "../core/schedule/outcome.js";
import { previewDeliveries, type DeliveryPreview } from "../core/schedule/preview.js";
import { formatLocalTime, localTimeAt } from "../core/schedule/zoned-time.js";
import type { Store } from "../core/store/port.js";
import { asksForHelp } from "./help.js";
import { errorMessage } from "../core/error-message.js";

export interface DigestCommandDeps {
  store: Store;
  /** The composer for a tick at `at` (whose candidates are that time's new papers). */
  composeAt(at: Date): Promise<ComposeDigest>;
  out(line: string): void;
  err(line: string): void;
  graceHours: number;
  /** The time used without --at (default: the real now). */
  now?: () => Date;
}

export const DIGEST_USAGE = "Usage: paperboy digest --dry-run [--at 2026-12-01T08:00:00Z]";
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * `paperboy digest --dry-run [--at ISO-TIME]`: shows what a delivery tick at that time would send
 * to whom, sending and recording nothing. Exit code 0 on success, 2 for bad arguments.
 */
export async function runDigest(args: string[], deps: DigestCommandDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(DIGEST_USAGE);
    return 0;
  }
  const request = parseDigestArgs(args, deps.now?.() ?? new Date());
  if (typeof request === "string") {
    deps.err(`${request}\n${DIGEST_USAGE}`);
    return 2;
  }
  const preview = await previewDeliveries({
    store: deps.store,
    compose: await deps.composeAt(request.at),
    now: request.at,
    graceHours: deps.graceHours,
    log: errorsTo(deps.err),
  });
  for (const line of describePreview(preview, request.at, deps.graceHours)) deps.out(line);
  return 0;
}

/** What is wrong with `paperboy digest`'s arguments, or undefined: checked before the store is opened. */
export function digestArgsProblem(args: string[]): string | undefined {
  const request = parseDigestArgs(args, new Date());
  return typeof request === "string" ? request : undefined;
}

function parseDigestArgs(args: string[], now: Date): { at: Date } | string {
  let values: { "dry-run"?: boolean; at?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { "dry-run": { type: "boolean" }, at: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return errorMessage(error);
  }
  if (!values["dry-run"]) {
    return "digest only has a dry run here: digests are really sent by the running bot (npm start).";
  }
  if (values.at === undefined) return { at: now };
  const at = Date.parse(values.at);
  if (!ISO_TIME.test(values.at) || Number.isNaN(at)) {
    return `--at "${values.at}" is not an ISO time with a zone: use e.g. 2026-12-01T08:00:00Z or 2026-12-01T09:00:00+01:00`;
  }
  return { at: new Date(at) };
}

function describePreview(preview: DeliveryPreview, at: Date, graceHours: number): string[] {
  const { plan, digests, failures } = preview;
  const sending = digests.filter((digest) => digest.reply !== null).length;
  const lines = [
    `Dry run at ${at.toISOString()}: ${sending} digest(s) would be sent. Nothing is sent or recorded.`,
  ];
  for (const digest of digests) lines.push(...describeDigest(digest, at));
  for (const { key, reason } of failures) lines.push(`${key}: the digest could not be composed (${reason})`);
  for (const { key, reason } of plan.paused) {
    lines.push(`${key}: paused (${reason}), not sent until /subscribe`);
  }
  for (const { key, localDate } of plan.missed) {
    lines.push(`${key}: the ${localDate} slot is more than ${graceHours} h past, skipped`);
  }
  for (const { key, reason } of plan.invalid) lines.push(`${key}: cannot be scheduled: ${reason}`);
  if (
    digests.length + failures.length + plan.paused.length + plan.missed.length + plan.invalid.length ===
    0
  ) {
    lines.push("No subscription is due at that time.");
  }
  return lines;
}

function describeDigest(digest: PlannedDigest, at: Date): string[] {
  const local = formatLocalTime(localTimeAt(at.getTime(), digest.timezone));
  const timing = digest.late ? `late (slot was ${minutesBetween(digest.slotAt, at)} min ago)` : "on time";
  const head = `${digest.key} (chat ${digest.chatId}) at ${local} ${digest.timezone}, ${timing}:`;
  if (!digest.reply) return [head, "  nothing to send (quiet day)"];
  if (digest.paperIds.length === 0) {
    return [head, `  a note without papers: ${digest.reply.title ?? digest.reply.lines[0] ?? ""}`];
  }
  const titles = new Map(digest.reply.cards.map((card) => [card.id, card.title]));
  return [head, ...digest.paperIds.map((id) => `  ${id}  ${titles.get(id) ?? ""}`.trimEnd())];
}

function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000);
}

/** Compose failures are reported on stderr; nothing else is worth a line in a dry run. */
function errorsTo(err: (line: string) => void): Logger {
  const write = (obj: object | string, msg?: string) => err(typeof obj === "string" ? obj : (msg ?? "error"));
  return { debug: () => {}, info: () => {}, warn: write, error: write };
}
