import { DEFAULT_PICKS } from "../recommender/picks.js";
import type { Subscription } from "../records.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import { targetKey } from "../target.js";
import type { CommandEnv } from "./deps.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply } from "./replies.js";
import { parseSubscribeOptions, SUBSCRIBE_USAGE, type SubscribeOptions } from "./subscribe-options.js";
import { describeSubscription } from "./subscription-text.js";

export const subscribeCommand: Command = {
  name: "subscribe",
  usage: SUBSCRIBE_USAGE,
  summary: "Get a daily digest (default: every day at the usual time); also resumes a paused one",
  async run(args, ctx, env) {
    const parsed = parseSubscribeOptions(args);
    if (!parsed.ok) return errorReply(parsed.message);
    const refusal = await refuseUnlessManager(ctx, "digest");
    if (refusal) return refusal;
    const key = targetKey(ctx.target);
    const existing = await env.store.subscriptions.get(key);
    const subscription = nextSubscription(existing, parsed.options, ctx, env);
    await env.store.subscriptions.put(key, subscription);
    const lines = [`${existing ? "Updated" : "Subscribed"}: ${describeSubscription(subscription)}.`];
    if (existing?.paused) lines.push("Deliveries were paused; they are back on.");
    lines.push(...(await threadLines(existing, subscription, ctx)));
    if (((await env.store.profiles.get(key))?.interests.length ?? 0) === 0) {
      lines.push(
        "There are no interests yet, so the digest would be empty: add some with /interests add <phrase>.",
      );
    }
    if (ctx.platform === "console") {
      lines.push(
        "The terminal chat delivers no daily digest (/picks shows what it would hold): subscribe on Discord or Telegram to get it every morning.",
      );
    }
    lines.push("Change it any time with /subscribe, stop it with /unsubscribe.");
    return infoReply(lines);
  },
};

function nextSubscription(
  existing: Subscription | undefined,
  options: SubscribeOptions,
  ctx: CommandContext,
  env: CommandEnv,
): Subscription {
  const chatId = ctx.target.kind === "channel" ? ctx.target.id : (ctx.replyChatId ?? ctx.target.id);
  const subscription: Subscription = {
    time: options.time ?? existing?.time ?? env.defaults.time,
    timezone: options.timezone ?? existing?.timezone ?? env.defaults.timezone,
    days: options.days ?? existing?.days ?? "daily",
    count: options.count ?? existing?.count ?? DEFAULT_PICKS,
    quietNote: options.quietNote ?? existing?.quietNote ?? true,
    chatId,
    ownerId: ctx.userId,
    createdAt: existing?.createdAt ?? env.now().toISOString(),
  };
  // Changing or resuming the digest keeps the channel's weekly recap as it was.
  if (existing?.recap) subscription.recap = existing.recap;
  // Off is stored as absent: a subscription that never had threads reads as it always did.
  if (options.threads ?? existing?.threads) subscription.threads = true;
  // The digest goes where /subscribe was typed, as chatId does: a topic, or the chat itself.
  if (ctx.topicId !== undefined) subscription.topicId = ctx.topicId;
  return subscription;
}

/** What turning threads on or off means here, and which permission is missing for them. */
async function threadLines(
  existing: Subscription | undefined,
  subscription: Subscription,
  ctx: CommandContext,
): Promise<string[]> {
  if (!subscription.threads) {
    return existing?.threads ? ["Threads are off: the digest is one message again."] : [];
  }
  const missing = (await ctx.missingThreadPermissions?.()) ?? [];
  if (missing.length === 0) return [];
  const names = missing.join(" and ");
  return [
    `Threads are on, but I lack the ${names} permission${missing.length === 1 ? "" : "s"} here: ` +
      "each paper is still posted, without its thread, until a server admin grants " +
      `${missing.length === 1 ? "it" : "them"} to me in this channel.`,
  ];
}
