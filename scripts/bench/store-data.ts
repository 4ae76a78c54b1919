import {
  type Delivery,
  emptySnapshot,
  type Profile,
  type SentPaper,
  type StoreSnapshot,
  type Subscription,
} from "../../src/core/records.js";
import type { TargetKey } from "../../src/core/target.js";

/** What each synthetic user holds: a month of daily digests of five papers, all sent. */
export const USER_SHAPE = { interests: 5, liked: 100, deliveries: 30, picksPerDigest: 5 } as const;

const TOPICS = [
  "graph neural networks",
  "diffusion models",
  "reinforcement learning",
  "speech recognition",
  "protein folding",
  "retrieval augmented generation",
  "vision transformers",
  "causal inference",
  "federated learning",
  "code generation",
  "robot manipulation",
  "time series forecasting",
];
const ZONES = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"];
/** Distinct paper ids the users' likes and digests are drawn from (May 2026's arXiv ids). */
const PAPER_POOL = 20_000;
/** The month of history: local dates 2026-05-02 .. 2026-05-31. */
const FIRST_DAY = Date.UTC(2026, 4, 2);
const DAY_MS = 86_400_000;

/** `telegram:user:1000000`, `discord:user:1000001`, …: user `index`'s key. */
export function userKey(index: number): TargetKey {
  return `${index % 2 === 0 ? "telegram" : "discord"}:user:${1_000_000 + index}`;
}

/** A synthetic user's month of history. */
export interface SyntheticHistory {
  /** Oldest local date first. */
  deliveries: Delivery[];
  /** Oldest first: the picks of `deliveries`, in order. */
  sent: SentPaper[];
}

/** The records of user `index`, each made on demand. */
export interface SyntheticUsers {
  profile(index: number): Profile;
  subscription(index: number): Subscription;
  history(index: number): SyntheticHistory;
}

/**
 * Makes users of USER_SHAPE, keyed by userKey. Users share their strings, arrays and sent papers
 * (every store copies what it takes in), so that 100,000 of them (3 million deliveries, 15
 * million sent papers) fit in a few hundred megabytes before the store under test holds them.
 */
export function syntheticUsers(): SyntheticUsers {
  const pools = sharedPools();
  return {
    profile: (index) => profileOf(index, pools),
    subscription: subscriptionOf,
    history: (index) => {
      const key = userKey(index);
      const history: SyntheticHistory = { deliveries: [], sent: [] };
      for (let day = 0; day < USER_SHAPE.deliveries; day++) {
        const group = (index * 7 + day) % pools.digests.length;
        const paperIds = pools.digests[group] ?? [];
        history.deliveries.push(deliveryOf(key, day, paperIds, pools));
        for (let pick = 0; pick < paperIds.length; pick++) {
          const paper = pools.sent[group * USER_SHAPE.picksPerDigest + pick];
          if (paper) history.sent.push(paper);
        }
      }
      return history;
    },
  };
}

/**
 * `users` users as one snapshot for `replaceAll`: with their month of history, or (`history:
 * false`) with their profile and subscription only.
 */
export function syntheticSnapshot(users: number, options: { history: boolean }): StoreSnapshot {
  const made = syntheticUsers();
  const snapshot: StoreSnapshot = emptySnapshot();
  for (let index = 0; index < users; index++) {
    const key = userKey(index);
    snapshot.profiles.set(key, made.profile(index));
    snapshot.subscriptions.set(key, made.subscription(index));
    if (!options.history) continue;
    const { deliveries, sent } = made.history(index);
    for (const delivery of deliveries) snapshot.deliveries.push(delivery);
    snapshot.sent.set(key, sent);
  }
  return snapshot;
}

interface Pools {
  ids: string[];
  /** Five paper ids per digest, shared by every delivery of that group. */
  digests: string[][];
  /** The sent paper of each id, aligned with `ids`. */
  sent: SentPaper[];
  days: { localDate: string; at: string }[];
}

function sharedPools(): Pools {
  const ids = Array.from({ length: PAPER_POOL }, (_, n) => `2605.${String(n).padStart(5, "0")}`);
  const days = Array.from({ length: USER_SHAPE.deliveries }, (_, day) => {
    const date = new Date(FIRST_DAY + day * DAY_MS).toISOString();
    return { localDate: date.slice(0, 10), at: `${date.slice(0, 10)}T06:00:03.000Z` };
  });
  const digests: string[][] = [];
  for (let start = 0; start + USER_SHAPE.picksPerDigest <= ids.length; start += USER_SHAPE.picksPerDigest) {
    digests.push(ids.slice(start, start + USER_SHAPE.picksPerDigest));
  }
  const sent = ids.map((id, n) => ({ id, publishedAt: days[n % days.length]?.at ?? days[0]?.at }));
  return { ids, digests, sent, days };
}

function profileOf(index: number, pools: Pools): Profile {
  const interests = Array.from(
    { length: USER_SHAPE.interests },
    (_, n) => TOPICS[(index + n) % TOPICS.length] ?? "",
  );
  const liked = Array.from(
    { length: USER_SHAPE.liked },
    (_, n) => pools.ids[(index * 13 + n * 3) % pools.ids.length] ?? "",
  );
  return { interests, liked, disliked: [], updatedAt: "2026-05-31T09:00:00.000Z" };
}

function subscriptionOf(index: number): Subscription {
  const chat = String(1_000_000 + index);
  return {
    time: "08:00",
    timezone: ZONES[index % ZONES.length] ?? "UTC",
    days: "daily",
    count: USER_SHAPE.picksPerDigest,
    quietNote: false,
    chatId: chat,
    ownerId: chat,
    createdAt: "2026-04-01T00:00:00.000Z",
  };
}

function deliveryOf(key: TargetKey, day: number, paperIds: string[], pools: Pools): Delivery {
  const { localDate, at } = pools.days[day] ?? { localDate: "2026-05-01", at: "2026-05-01T06:00:03.000Z" };
  return { key, localDate, status: "sent", at, paperIds, sentIds: paperIds, late: false };
}
