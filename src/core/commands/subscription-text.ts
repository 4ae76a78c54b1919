import type { Subscription } from "../state/types.js";

/** "5 papers every day at 08:00 (Europe/Paris)". */
export function describeSubscription(subscription: Subscription): string {
  const papers = `${subscription.count} paper${subscription.count === 1 ? "" : "s"}`;
  const days = subscription.days === "weekdays" ? "on weekdays" : "every day";
  return `${papers} ${days} at ${subscription.time} (${subscription.timezone})`;
}
