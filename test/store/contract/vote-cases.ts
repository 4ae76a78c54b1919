import { describe, expect, it } from "vitest";
import type { CastVote, Vote } from "../../../src/core/records.js";
import { StoreWriteError } from "../../../src/core/store/errors.js";
import type { Store, VoteTotals } from "../../../src/core/store/port.js";
import type { TargetKey } from "../../../src/core/target.js";
import { ada, bob, lab, minutesAfter, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";
import { aCastVote, emptySnapshot, plainSnapshot } from "./snapshot-fixture.js";

/** Casts a vote `minutes` after t0. */
function cast(
  store: Store,
  key: TargetKey,
  paperId: string,
  member: string,
  vote: Vote | null,
  minutes = 0,
): Promise<VoteTotals> {
  return store.votes.cast(key, paperId, member, vote, minutesAfter(t0, minutes));
}

const members = (count: number): string[] => Array.from({ length: count }, (_, index) => `member-${index}`);

/** votes: cast/totals/balances/topSince, concurrent casts, and votes in counts, snapshot and replaceAll. */
export function voteCases(handle: StoreHandle): void {
  describe("votes", () => {
    it("cast answers the paper's totals after it; a paper without votes totals zero", async () => {
      const store = handle.store;
      expect(await cast(store, lab, "p1", "m1", 1)).toStrictEqual({ up: 1, down: 0 });
      expect(await cast(store, lab, "p1", "m2", -1)).toStrictEqual({ up: 1, down: 1 });
      expect(await cast(store, lab, "p1", "m3", 1)).toStrictEqual({ up: 2, down: 1 });
      expect(await store.votes.totals(lab, ["p1", "p2"])).toStrictEqual(
        new Map([
          ["p1", { up: 2, down: 1 }],
          ["p2", { up: 0, down: 0 }],
        ]),
      );
    });

    it("a member's later vote replaces the earlier one, and null withdraws it", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m2", 1);
      expect(await cast(store, lab, "p1", "m1", 1)).toStrictEqual({ up: 2, down: 0 });
      expect(await cast(store, lab, "p1", "m1", 1)).toStrictEqual({ up: 2, down: 0 });
      expect(await cast(store, lab, "p1", "m1", -1)).toStrictEqual({ up: 1, down: 1 });
      expect(await cast(store, lab, "p1", "m1", null)).toStrictEqual({ up: 1, down: 0 });
      expect(await cast(store, lab, "p1", "m1", null)).toStrictEqual({ up: 1, down: 0 });
      expect(await cast(store, lab, "p1", "never-voted", null)).toStrictEqual({ up: 1, down: 0 });
      expect((await store.counts()).votes).toBe(1);
    });

    it("totals answers every asked paper; other targets' and papers' votes do not count", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1);
      await cast(store, ada, "p1", "m1", -1);
      await cast(store, lab, "p2", "m1", -1);
      expect(await store.votes.totals(lab, ["p1", "p3"])).toStrictEqual(
        new Map([
          ["p1", { up: 1, down: 0 }],
          ["p3", { up: 0, down: 0 }],
        ]),
      );
      expect(await store.votes.totals(ada, ["p1"])).toStrictEqual(new Map([["p1", { up: 0, down: 1 }]]));
      expect(await store.votes.totals(bob, ["p1"])).toStrictEqual(new Map([["p1", { up: 0, down: 0 }]]));
      expect(await store.votes.totals(lab, [])).toStrictEqual(new Map());
    });

    it("balances: each voted paper's totals and latest vote, latest first (then by id), at most limit", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1, 0);
      await cast(store, lab, "p1", "m2", 1, 5);
      await cast(store, lab, "p2", "m1", -1, 3);
      await cast(store, lab, "p3", "m1", 1, 1);
      await cast(store, lab, "p3", "m1", null, 6); // withdrawn: p3 has no votes left
      await cast(store, lab, "p4", "m1", 1, 2);
      await cast(store, lab, "p4", "m2", -1, 2);
      await cast(store, lab, "p0", "m3", 1, 2);
      await cast(store, lab, "p0", "m3", 1, 9); // the vote m3 has: its time stays
      await cast(store, ada, "p9", "m1", 1, 30); // another target
      const at = (minutes: number) => minutesAfter(t0, minutes).toISOString();
      const all = [
        { paperId: "p1", up: 2, down: 0, lastAt: at(5) },
        { paperId: "p2", up: 0, down: 1, lastAt: at(3) },
        { paperId: "p0", up: 1, down: 0, lastAt: at(2) },
        { paperId: "p4", up: 1, down: 1, lastAt: at(2) },
      ];
      expect(await store.votes.balances(lab, 10)).toStrictEqual(all);
      expect(await store.votes.balances(lab, 3)).toStrictEqual(all.slice(0, 3));
      expect(await store.votes.balances(lab, 0)).toStrictEqual([]);
      expect(await store.votes.balances(bob, 10)).toStrictEqual([]);
    });

    it("topSince counts the votes cast since then: best balance first, then most votes, then by id", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1, 0); // before: not counted
      await cast(store, lab, "p1", "m2", 1, 10); // at `since`: counted
      await cast(store, lab, "p1", "m3", 1, 11);
      await cast(store, lab, "p2", "m1", -1, 10);
      await cast(store, lab, "p3", "m1", 1, 12);
      await cast(store, lab, "p3", "m2", -1, 12);
      await cast(store, lab, "p3", "m3", 1, 13);
      await cast(store, lab, "p4", "m1", 1, 14);
      await cast(store, lab, "p5", "m1", 1, 15);
      await cast(store, lab, "p5", "m2", -1, 16);
      await cast(store, lab, "p6", "m9", 1, 0);
      await cast(store, lab, "p6", "m9", -1, 20); // changed since: counted as cast then
      await cast(store, lab, "p7", "m1", -1, 1);
      await cast(store, lab, "p7", "m2", -1, 2); // all before: p7 is not there
      await cast(store, ada, "p1", "m1", -1, 12); // another target
      const since = minutesAfter(t0, 10);
      const top = [
        { paperId: "p1", up: 2, down: 0 },
        { paperId: "p3", up: 2, down: 1 },
        { paperId: "p4", up: 1, down: 0 },
        { paperId: "p5", up: 1, down: 1 },
        { paperId: "p2", up: 0, down: 1 },
        { paperId: "p6", up: 0, down: 1 },
      ];
      expect(await store.votes.topSince(lab, since, 10)).toStrictEqual(top);
      expect(await store.votes.topSince(lab, since, 3)).toStrictEqual(top.slice(0, 3));
      expect(await store.votes.topSince(lab, minutesAfter(t0, 100), 10)).toStrictEqual([]);
      expect(await store.votes.topSince(lab, t0, 1)).toStrictEqual([{ paperId: "p1", up: 3, down: 0 }]);
    });

    it("topSince with `until` counts only the votes cast before it: a week that has ended", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1, 10); // at `since`: counted
      await cast(store, lab, "p1", "m2", 1, 19);
      await cast(store, lab, "p1", "m3", -1, 20); // at `until`: the next week's
      await cast(store, lab, "p2", "m1", -1, 12);
      await cast(store, lab, "p2", "m2", 1, 15);
      await cast(store, lab, "p2", "m2", -1, 25); // changed after: counted as cast then, so not here
      await cast(store, lab, "p3", "m1", 1, 30); // after: p3 is not there
      const [since, until] = [minutesAfter(t0, 10), minutesAfter(t0, 20)];
      expect(await store.votes.topSince(lab, since, 10, until)).toStrictEqual([
        { paperId: "p1", up: 2, down: 0 },
        { paperId: "p2", up: 0, down: 1 },
      ]);
      expect(await store.votes.topSince(lab, until, 10, minutesAfter(t0, 40))).toStrictEqual([
        { paperId: "p3", up: 1, down: 0 },
        { paperId: "p1", up: 0, down: 1 },
        { paperId: "p2", up: 0, down: 1 },
      ]);
      expect(await store.votes.topSince(lab, since, 10, since)).toStrictEqual([]);
      await expect(store.votes.topSince(lab, since, 10, new Date(Number.NaN))).rejects.toBeInstanceOf(
        TypeError,
      );
    });

    it("50 members voting at once on one paper: every vote is kept, and so is each one's later vote", async () => {
      const store = handle.store;
      const all = members(50);
      const first = await Promise.all(all.map((member) => cast(store, lab, "p1", member, 1, 0)));
      for (const totals of first) expect(totals.up).toBeGreaterThanOrEqual(1);
      expect(await store.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 50, down: 0 }]]));
      // At once again: 20 turn to 👎, 10 withdraw, 20 cast the 👍 they have.
      const next = (index: number): Vote | null => (index < 20 ? -1 : index < 30 ? null : 1);
      await Promise.all(all.map((member, index) => cast(store, lab, "p1", member, next(index), 1)));
      expect(await store.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 20, down: 20 }]]));
      const kept = (await store.snapshot()).votes.get(lab) ?? [];
      const expected = all
        .map((member, index): CastVote | undefined => {
          const vote = next(index);
          if (vote === null) return undefined;
          return aCastVote("p1", member, vote, vote === -1 ? 1 : 0);
        })
        .filter((vote): vote is CastVote => vote !== undefined)
        .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
      expect(kept).toStrictEqual(expected);
    });

    it("refuses arguments of the wrong form, storing nothing", async () => {
      const { votes } = handle.store;
      for (const vote of [0, 2, "1", undefined]) {
        const casting = votes.cast(lab, "p1", "m1", vote as Vote, t0); // wrong on purpose
        await expect(casting).rejects.toBeInstanceOf(TypeError);
      }
      await expect(votes.cast(lab, "", "m1", 1, t0)).rejects.toBeInstanceOf(TypeError);
      await expect(votes.cast(lab, "p1", "", 1, t0)).rejects.toBeInstanceOf(TypeError);
      await expect(votes.cast(lab, "p1", "m1", 1, new Date(Number.NaN))).rejects.toBeInstanceOf(TypeError);
      await expect(votes.balances(lab, -1)).rejects.toBeInstanceOf(RangeError);
      await expect(votes.topSince(lab, t0, 1.5)).rejects.toBeInstanceOf(RangeError);
      await expect(votes.topSince(lab, new Date("soon"), 5)).rejects.toBeInstanceOf(TypeError);
      expect((await handle.store.counts()).votes).toBe(0);
    });

    it("counts count the votes over all targets", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1);
      await cast(store, lab, "p1", "m2", -1);
      await cast(store, lab, "p2", "m1", 1);
      await cast(store, ada, "p1", "m1", 1);
      await cast(store, lab, "p1", "m1", -1);
      expect((await store.counts()).votes).toBe(4);
      await cast(store, lab, "p2", "m1", null);
      expect((await store.counts()).votes).toBe(3);
    });

    it("snapshot carries every vote, by paper then member, and replaceAll brings them into another store", async () => {
      const store = handle.store;
      await cast(store, lab, "p2", "m2", 1, 1);
      await cast(store, lab, "p1", "m2", -1, 2);
      await cast(store, lab, "p1", "m1", 1, 3);
      await cast(store, lab, "p1", "m1", -1, 4);
      await cast(store, ada, "p1", "me", 1, 5);
      await cast(store, bob, "p1", "bob", 1, 6);
      await cast(store, bob, "p1", "bob", null, 7);
      const expected = new Map([
        [lab, [aCastVote("p1", "m1", -1, 4), aCastVote("p1", "m2", -1, 2), aCastVote("p2", "m2", 1, 1)]],
        [ada, [aCastVote("p1", "me", 1, 5)]],
      ]);
      const snapshot = await store.snapshot();
      expect(plainSnapshot(snapshot)).toStrictEqual(plainSnapshot({ ...emptySnapshot(), votes: expected }));
      const other = await handle.fresh();
      await cast(other, bob, "p1", "other", 1);
      await other.replaceAll(snapshot);
      expect(plainSnapshot(await other.snapshot())).toStrictEqual(plainSnapshot(snapshot));
      expect(await other.votes.totals(bob, ["p1"])).toStrictEqual(new Map([["p1", { up: 0, down: 0 }]]));
      expect((await other.counts()).votes).toBe(4);
      // The copied votes go on working: a member's vote is replaced, not added to.
      expect(await cast(other, lab, "p1", "m1", 1, 8)).toStrictEqual({ up: 1, down: 1 });
      expect(await other.votes.balances(lab, 1)).toStrictEqual([
        { paperId: "p1", up: 1, down: 1, lastAt: minutesAfter(t0, 8).toISOString() },
      ]);
    });

    it("replaceAll takes votes given in any order", async () => {
      const store = handle.store;
      const given = [aCastVote("p2", "m1", 1, 0), aCastVote("p1", "m2", -1, 1), aCastVote("p1", "m1", 1, 2)];
      await store.replaceAll({ ...emptySnapshot(), votes: new Map([[lab, given]]) });
      expect((await store.snapshot()).votes.get(lab)).toStrictEqual([given[2], given[1], given[0]]);
      expect(await cast(store, lab, "p1", "m2", null, 3)).toStrictEqual({ up: 1, down: 0 });
    });
  });
}

/** Votes survive a restart. */
export function voteDurabilityCases(handle: StoreHandle): void {
  describe("votes, after close and reopen", () => {
    it("votes survive as they were left: replaced and withdrawn ones too", async () => {
      await cast(handle.store, lab, "p1", "m1", 1, 0);
      await cast(handle.store, lab, "p1", "m1", -1, 1);
      await cast(handle.store, lab, "p1", "m2", 1, 2);
      await cast(handle.store, lab, "p1", "m3", 1, 3);
      await cast(handle.store, lab, "p1", "m3", null, 4);
      const store = await handle.reopen();
      expect(await store.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 1, down: 1 }]]));
      expect(await store.votes.balances(lab, 5)).toStrictEqual([
        { paperId: "p1", up: 1, down: 1, lastAt: minutesAfter(t0, 2).toISOString() },
      ]);
      expect(await cast(store, lab, "p1", "m1", 1, 5)).toStrictEqual({ up: 2, down: 0 });
    });
  });
}

/** A write the storage refuses rejects with StoreWriteError and leaves the votes as they were. */
export function voteFailureCases(handle: StoreHandle): void {
  describe("votes, when a write fails", () => {
    it("a failed cast rejects with StoreWriteError and counts nothing; the next cast works", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1);
      handle.failNextWrite();
      await expect(cast(store, lab, "p1", "m2", 1)).rejects.toBeInstanceOf(StoreWriteError);
      expect(await store.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 1, down: 0 }]]));
      expect(await store.votes.topSince(lab, t0, 5)).toStrictEqual([{ paperId: "p1", up: 1, down: 0 }]);
      expect(await cast(store, lab, "p1", "m2", 1)).toStrictEqual({ up: 2, down: 0 });
    });

    it("a failed change or withdrawal keeps the vote as it was", async () => {
      const store = handle.store;
      await cast(store, lab, "p1", "m1", 1, 0);
      handle.failNextWrite();
      await expect(cast(store, lab, "p1", "m1", -1, 1)).rejects.toBeInstanceOf(StoreWriteError);
      handle.failNextWrite();
      await expect(cast(store, lab, "p1", "m1", null, 2)).rejects.toBeInstanceOf(StoreWriteError);
      expect((await store.snapshot()).votes.get(lab)).toStrictEqual([aCastVote("p1", "m1", 1, 0)]);
    });

    it("a failed replaceAll keeps every vote as it was", async () => {
      const store = handle.store;
      await cast(store, ada, "p1", "me", 1);
      handle.failNextWrite();
      const replacing = store.replaceAll({
        ...emptySnapshot(),
        votes: new Map([[lab, [aCastVote("p1", "m1", -1)]]]),
      });
      await expect(replacing).rejects.toBeInstanceOf(StoreWriteError);
      expect(plainSnapshot(await store.snapshot())).toStrictEqual(
        plainSnapshot({ ...emptySnapshot(), votes: new Map([[ada, [aCastVote("p1", "me", 1)]]]) }),
      );
    });
  });
}

/** Several instances casting on one paper at once: every vote is kept. */
export function sharedVoteCases(handle: StoreHandle): void {
  describe("votes, from several instances", () => {
    it("25 + 25 members voting at once through two instances: all 50 votes kept", async () => {
      const first = handle.store;
      const second = await handle.another();
      const all = members(50);
      await Promise.all(
        all.map((member, index) =>
          cast(index % 2 === 0 ? first : second, lab, "p1", member, index < 30 ? 1 : -1),
        ),
      );
      expect(await second.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 30, down: 20 }]]));
      // And each member's change, through the other instance, replaces their vote.
      await Promise.all(
        all.map((member, index) => cast(index % 2 === 0 ? second : first, lab, "p1", member, -1, 1)),
      );
      expect(await first.votes.totals(lab, ["p1"])).toStrictEqual(new Map([["p1", { up: 0, down: 50 }]]));
      expect((await first.counts()).votes).toBe(50);
    });
  });
}
