import type { Subscription } from "../records.js";

/** "5 papers every day at 08:00 (Europe/Paris), with a short note on quiet days (note on)". */
export function describeSubscription(subscription: Subscription): string {
  const papers = `${subscription.count} paper${subscription.count === 1 ? "" : "s"}`;
  const days = subscription.days === "weekdays" ? "on weekdays" : "every day";
  const quiet = subscription.quietNote
    ? "with a short note on quiet days (note on)"
    : "nothing on quiet days (note off)";
  return `${papers} ${days} at ${subscription.time} (${subscription.timezone}), ${quiet}`;
}
