import type { Subscription } from "../records.js";

/** "5 papers every day at 08:00 (Europe/Paris), with a short note on quiet days (note on)". */
export function describeSubscription(subscription: Subscription): string {
  const papers = `${subscription.count} paper${subscription.count === 1 ? "" : "s"}`;
  const days = subscription.days === "weekdays" ? "on weekdays" : "every day";
  const quiet = subscription.quietNote
    ? "with a short note on quiet days (note on)"
    : "nothing on quiet days (note off)";
  const text = `${papers} ${days} at ${subscription.time} (${subscription.timezone}), ${quiet}`;
  const where = subscription.topicId !== undefined ? ", in the topic it was set up in" : "";
  // Off is the default and says nothing, so digests set up before threads read as they did.
  return subscription.threads
    ? `${text}, each paper as its own message to discuss (threads on)${where}`
    : `${text}${where}`;
}
