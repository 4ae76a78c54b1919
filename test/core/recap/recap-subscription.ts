import type { Subscription } from "../../../src/core/records.js";

/** A channel's subscription with a weekly recap on Fridays at 16:00, in `timezone`. */
export function recapSubscription(timezone: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    time: "08:00",
    timezone,
    days: "daily",
    count: 5,
    quietNote: true,
    chatId: "900",
    ownerId: "55",
    createdAt: "2026-01-01T00:00:00.000Z",
    recap: { day: "friday", time: "16:00" },
    ...extra,
  };
}
