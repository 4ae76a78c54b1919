import type { Reply } from "../../src/core/commands/reply.js";
import type { ComposeDigest } from "../../src/core/delivery/digest-port.js";
import type { StoreSnapshot, Subscription } from "../../src/core/records.js";

/** The tick's time in the fan-out benches. */
export const NOW = new Date("2026-06-01T12:00:00Z");

const ZONES = [
  "Europe/Paris",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Sydney",
  "UTC",
  "America/Sao_Paulo",
];

/**
 * `subscribers` subscriptions, half Telegram and half Discord, one in ten a channel, spread over
 * six zones; every slot is the current local minute at NOW, so all are due then.
 */
export function dueSnapshot(subscribers: number): StoreSnapshot {
  const subscriptions = new Map<string, Subscription>();
  for (let index = 0; index < subscribers; index++) {
    const platform = index % 2 === 0 ? "telegram" : "discord";
    const kind = index % 10 === 0 ? "channel" : "user";
    const timezone = ZONES[index % ZONES.length] ?? "UTC";
    const chat = String(100_000 + index);
    subscriptions.set(`${platform}:${kind}:${chat}`, {
      time: localHourMinute(timezone),
      timezone,
      days: "daily",
      count: 3,
      quietNote: false,
      chatId: chat,
      ownerId: chat,
      createdAt: "2026-01-01T00:00:00.000Z",
    });
  }
  return {
    papers: [],
    profiles: new Map(),
    subscriptions,
    deliveries: [],
    sent: new Map(),
    libraries: new Map(),
    saved: new Map(),
    votes: new Map(),
  };
}

/** A compose stub with three picks, so the recommender's own cost is measured elsewhere. */
export const threePapers: ComposeDigest = () => {
  const papers = [{ id: "2605.00001" }, { id: "2605.00002" }, { id: "2605.00003" }];
  const reply: Reply = { kind: "papers", title: "Today's papers", lines: [], cards: [], buttons: [] };
  return { papers, reply };
};

function localHourMinute(timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(NOW);
}
