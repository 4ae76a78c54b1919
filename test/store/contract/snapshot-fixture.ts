import { expect } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import type {
  CastVote,
  Delivery,
  Library,
  Profile,
  SavedPaper,
  SentPaper,
  StoreCounts,
  StoreSnapshot,
  Subscription,
  Vote,
} from "../../../src/core/records.js";
import type { NewClaim, Store } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";
import {
  aClaim,
  ada,
  aLibrary,
  aPaper,
  aReply,
  aSubscription,
  bob,
  claimedRecord,
  deliverOne,
  lab,
  leaseOf,
  minutesAfter,
  sent,
  t0,
  tenMinutes,
} from "./helpers.js";

/** The lease of the mix's open claims; it ends ten minutes after t0. */
export const mixLease = tenMinutes("instance-A");
/** The lease the lab's digest was renewed to when it started sending. */
export const mixSendingLease = leaseOf("instance-A", minutesAfter(t0, 30));
/** When the mix's one digest that reached its chat went out. */
export const mixSentAt = minutesAfter(t0, -60);

/** A paper without a date or a URL: its record has no such keys at all. */
function aSeedPaper(): Paper {
  const { publishedAt: _publishedAt, url: _url, ...paper } = aPaper("hf-seed-1", { sources: ["seed"] });
  return paper;
}

const claims = {
  adaSent: (): NewClaim =>
    aClaim(ada, "2024-03-08", { papers: [sent("p1", "2024-03-07T00:00:00.000Z"), sent("p2")] }),
  adaClaimed: (): NewClaim =>
    aClaim(ada, "2024-03-10", {
      papers: [sent("p3", "2024-03-09T00:00:00.000Z"), sent("p4")],
      reply: aReply("For Ada"),
      chatId: "dm-ada",
      late: true,
    }),
  labSending: (): NewClaim =>
    aClaim(lab, "2024-03-10", { papers: [sent("p7")], reply: aReply("For the lab"), chatId: "-1002003" }),
  bobFailed: (): NewClaim => aClaim(bob, "2024-03-10", { papers: [sent("p8", "2024-02-01T00:00:00.000Z")] }),
};

const labSubscription = (): Subscription => aSubscription({ chatId: "-1002003", ownerId: "42" });
const bobSubscription = (): Subscription => aSubscription({ chatId: "bob", ownerId: "bob", days: "daily" });

/** The mix's one library: imported twice, the second replacing the first. */
const labLibrary = (): Library => aLibrary({ importedAt: minutesAfter(t0, 20).toISOString() });

/** A paper saved by `savedBy`, `minutes` after t0. */
export function aSavedPaper(paperId: string, savedBy: string, minutes = 0): SavedPaper {
  return { paperId, savedBy, savedAt: minutesAfter(t0, minutes).toISOString() };
}

/** A vote cast by `member`, `minutes` after t0. */
export function aCastVote(paperId: string, member: string, vote: Vote, minutes = 0): CastVote {
  return { paperId, member, vote, at: minutesAfter(t0, minutes).toISOString() };
}

/**
 * A bit of everything, written the way paperboy writes it: papers (one replaced, one undated),
 * profiles, subscriptions (one paused), delivery records in every status but released, with
 * their sent papers dated and undated, a library (replaced once; another one deleted), reading
 * lists (two papers saved at one instant, one saved twice, one unsaved) and votes (one replaced,
 * one withdrawn). `aMixSnapshot()` is what it must leave.
 */
export async function writeAMix(store: Store): Promise<void> {
  await store.papers.put([aPaper("2403.00003"), aPaper("2403.00001", { upvotes: 3 }), aSeedPaper()]);
  await store.papers.put([
    aPaper("2403.00002", { sources: ["hf", "arxiv"] }),
    aPaper("2403.00001", { title: "Revised", upvotes: 40 }),
  ]);
  await store.profiles.update(ada, t0, (profile) => {
    profile.interests.push("graph neural networks");
    profile.liked.push("2403.00001");
  });
  await store.profiles.update(
    lab,
    minutesAfter(t0, 5),
    (profile) => void profile.disliked.push("2403.00002"),
  );
  await store.profiles.update(bob, t0, () => undefined); // no change: nothing stored
  await store.subscriptions.put(ada, aSubscription());
  await store.subscriptions.put(lab, labSubscription());
  await store.subscriptions.pause(lab, "kicked", t0);
  await store.subscriptions.put(bob, bobSubscription());
  await store.libraries.put(lab, aLibrary({ papers: aLibrary().papers.slice(1) }));
  await store.libraries.put(bob, aLibrary());
  await store.libraries.put(lab, labLibrary());
  await store.libraries.delete(bob);

  const { readingLists, votes } = store;
  await readingLists.save(ada, aSavedPaper("2403.00001", "100", 0));
  await readingLists.save(ada, aSavedPaper("2403.00002", "100", 2));
  await readingLists.save(ada, aSavedPaper("2403.00003", "100", 2)); // at 00002's instant, saved after it
  await readingLists.save(ada, aSavedPaper("hf-seed-1", "100", 3));
  await readingLists.save(ada, aSavedPaper("gone", "100", 4));
  await readingLists.unsave(ada, "gone");
  await readingLists.save(lab, aSavedPaper("2403.00001", "42", 0));
  await readingLists.save(lab, aSavedPaper("2403.00002", "43", 1));
  await readingLists.save(lab, aSavedPaper("2403.00002", "44", 5)); // already saved: 43's save stays
  await readingLists.save(lab, aSavedPaper("2403.00003", "44", 2));
  const cast = (paperId: string, member: string, vote: Vote | null, minutes: number) =>
    votes.cast(lab, paperId, member, vote, minutesAfter(t0, minutes));
  await cast("2403.00001", "m1", 1, 0);
  await cast("2403.00001", "m2", 1, 1);
  await cast("2403.00001", "m3", -1, 2);
  await cast("2403.00001", "m4", 1, 3);
  await cast("2403.00001", "m4", -1, 4); // replaces m4's 👍
  await cast("2403.00001", "m5", 1, 5);
  await cast("2403.00001", "m5", null, 6); // withdrawn
  await cast("2403.00001", "m1", 1, 7); // the vote m1 has: nothing changes, its time stays
  await cast("2403.00002", "m1", 1, 8);
  await cast("2403.00002", "m2", -1, 9);
  await cast("2403.00003", "m6", 1, 10);
  await cast("2403.00003", "m1", -1, 11);

  const { deliveries } = store;
  await deliverOne(store, claims.adaSent(), "instance-A", mixSentAt);
  await deliveries.recordUnsent(
    [{ key: ada, localDate: "2024-03-09", status: "skipped", reason: "nothing matched" }],
    t0,
  );
  const open = [claims.adaClaimed(), claims.labSending(), claims.bobFailed()];
  const claimed = await deliveries.claim(open, mixLease, t0);
  if (claimed.size !== 3) throw new Error("setup: the mix's claims were not all claimed");
  // At t0, as claimed: `at` is t0 whether startSending sets it or keeps it.
  if (!(await deliveries.startSending(lab, "2024-03-10", mixSendingLease, t0))) {
    throw new Error("setup: the lab's digest did not start sending");
  }
  if (!(await deliveries.markFailed(bob, "2024-03-10", "instance-A", "forbidden", t0))) {
    throw new Error("setup: bob's digest was not marked failed");
  }
}

/** What `writeAMix` leaves, as plain records; a new copy on each call. */
export function aMixSnapshot(): StoreSnapshot {
  const settled = (claim: NewClaim): Delivery => {
    const { owner: _owner, leaseUntil: _until, reply: _reply, ...rest } = claimedRecord(claim, mixLease, t0);
    return rest;
  };
  const profile = (overrides: Partial<Profile>): Profile => ({
    interests: [],
    liked: [],
    disliked: [],
    updatedAt: t0.toISOString(),
    ...overrides,
  });
  return {
    papers: [
      aPaper("2403.00003"),
      aPaper("2403.00001", { title: "Revised", upvotes: 40 }),
      aSeedPaper(),
      aPaper("2403.00002", { sources: ["hf", "arxiv"] }),
    ],
    profiles: new Map([
      [ada, profile({ interests: ["graph neural networks"], liked: ["2403.00001"] })],
      [lab, profile({ disliked: ["2403.00002"], updatedAt: minutesAfter(t0, 5).toISOString() })],
    ]),
    subscriptions: new Map([
      [ada, aSubscription()],
      [lab, { ...labSubscription(), paused: { reason: "kicked", at: t0.toISOString() } }],
      [bob, bobSubscription()],
    ]),
    deliveries: [
      { ...settled(claims.bobFailed()), status: "failed", error: "forbidden" },
      {
        ...settled(claims.adaSent()),
        status: "sent",
        at: mixSentAt.toISOString(),
        sentIds: ["p1", "p2"],
      },
      {
        key: ada,
        localDate: "2024-03-09",
        status: "skipped",
        at: t0.toISOString(),
        paperIds: [],
        sentIds: [],
        late: false,
        error: "nothing matched",
      },
      claimedRecord(claims.adaClaimed(), mixLease, t0),
      {
        ...claimedRecord(claims.labSending(), mixLease, t0),
        status: "sending",
        leaseUntil: mixSendingLease.until.toISOString(),
      },
    ],
    sent: new Map([
      [bob, [sent("p8", "2024-02-01T00:00:00.000Z")]],
      [
        ada,
        [
          sent("p1", "2024-03-07T00:00:00.000Z"),
          sent("p2"),
          sent("p3", "2024-03-09T00:00:00.000Z"),
          sent("p4"),
        ],
      ],
      [lab, [sent("p7")]],
    ]),
    libraries: new Map([[lab, labLibrary()]]),
    saved: new Map([
      [
        ada,
        [
          aSavedPaper("hf-seed-1", "100", 3),
          aSavedPaper("2403.00003", "100", 2),
          aSavedPaper("2403.00002", "100", 2),
          aSavedPaper("2403.00001", "100", 0),
        ],
      ],
      [
        lab,
        [
          aSavedPaper("2403.00003", "44", 2),
          aSavedPaper("2403.00002", "43", 1),
          aSavedPaper("2403.00001", "42", 0),
        ],
      ],
    ]),
    votes: new Map([
      [
        lab,
        [
          aCastVote("2403.00001", "m1", 1, 0),
          aCastVote("2403.00001", "m2", 1, 1),
          aCastVote("2403.00001", "m3", -1, 2),
          aCastVote("2403.00001", "m4", -1, 4),
          aCastVote("2403.00002", "m1", 1, 8),
          aCastVote("2403.00002", "m2", -1, 9),
          aCastVote("2403.00003", "m1", -1, 11),
          aCastVote("2403.00003", "m6", 1, 10),
        ],
      ],
    ]),
  };
}

/** How many records `writeAMix` leaves: each kind a different number, so none can stand for another. */
export const mixCounts: StoreCounts = {
  papers: 4,
  profiles: 2,
  subscriptions: 3,
  deliveries: 5,
  sent: 6,
  libraries: 1,
  saved: 7,
  votes: 8,
};

/** What an empty store counts. */
export const noCounts: StoreCounts = {
  papers: 0,
  profiles: 0,
  subscriptions: 0,
  deliveries: 0,
  sent: 0,
  libraries: 0,
  saved: 0,
  votes: 0,
};

export { emptySnapshot } from "../../../src/core/records.js";

/** A snapshot as plain arrays, so `toStrictEqual` also sees keys whose value is `undefined`. */
export interface PlainSnapshot {
  papers: Paper[];
  profiles: [TargetKey, Profile][];
  subscriptions: [TargetKey, Subscription][];
  deliveries: Delivery[];
  sent: [TargetKey, SentPaper[]][];
  libraries: [TargetKey, Library][];
  saved: [TargetKey, SavedPaper[]][];
  votes: [TargetKey, CastVote[]][];
}

/**
 * `snapshot` in a form two snapshots compare in with `toStrictEqual`: maps become entries sorted by
 * key, deliveries are ordered by key only (the port fixes the order within a target, oldest local
 * date first, not across targets; the sort is stable, so the order within a target is compared),
 * and a target with no sent papers is the same as none. Reading lists and votes are compared in
 * the order the port fixes (newest first; by paper, then member).
 */
export function plainSnapshot(snapshot: StoreSnapshot): PlainSnapshot {
  const maps = [snapshot.profiles, snapshot.subscriptions, snapshot.sent, snapshot.libraries];
  for (const map of [...maps, snapshot.saved, snapshot.votes]) {
    expect(map).toBeInstanceOf(Map);
  }
  const byKey = <V>(entries: Iterable<[TargetKey, V]>): [TargetKey, V][] =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    papers: snapshot.papers,
    profiles: byKey(snapshot.profiles),
    subscriptions: byKey(snapshot.subscriptions),
    deliveries: [...snapshot.deliveries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    sent: byKey([...snapshot.sent].filter(([, papers]) => papers.length > 0)),
    libraries: byKey(snapshot.libraries),
    saved: byKey(snapshot.saved),
    votes: byKey(snapshot.votes),
  };
}
