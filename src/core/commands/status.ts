import type { Command } from "./command.js";
import { errorReply, infoReply } from "./replies.js";
import { digestLines } from "./status-digest.js";
import { isOperator, operatorLines } from "./status-operator.js";
import { sourceLines } from "./status-sources.js";
import { utcTimeFrom } from "./status-time.js";

/**
 * `/status`: whether paperboy is fetching papers and sending digests, so that a day without a
 * digest can be told from a broken source or a paused subscription. Operators (ADMIN_IDS) also
 * see the failed deliveries of the last day and every paused subscription.
 */
export const statusCommand: Command = {
  name: "status",
  usage: "status",
  summary: "Show the papers' freshness, the next ingest and your next digest",
  async run(args, ctx, env) {
    if (args.length > 0) return errorReply("/status takes no options: type just /status.");
    const now = env.now();
    const lines = [
      ...(await sourceLines(env, now)),
      nextIngestLine(env.nextIngest?.(), now),
      `Subscriptions: ${(await env.store.subscriptions.count()).toLocaleString("en-US")}.`,
      ...(await digestLines(ctx.target, env, now)),
    ];
    if (isOperator(ctx, env)) lines.push(...(await operatorLines(env, now)));
    return { ...infoReply(lines, "paperboy status"), private: true };
  },
};

function nextIngestLine(next: Date | undefined, now: Date): string {
  if (!next) return "Next ingest: none scheduled on this instance.";
  return `Next ingest: ${utcTimeFrom(next, now)}.`;
}
