import { describe, expect, it } from "vitest";
import type { TargetKey } from "../../../src/core/target.js";
import {
  aClaim,
  ada,
  claimOne,
  lab,
  minutesAfter,
  recordOf,
  sent,
  sentIdsOf,
  t0,
  tenMinutes,
} from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

const day = "2024-03-10";

/** Several running instances on one storage: each transaction sees the others' and none is lost. */
export function sharedCases(handle: StoreHandle): void {
  describe("several instances on one storage", () => {
    it("what one instance stores, another reads", async () => {
      const first = handle.store;
      const second = await handle.another();
      await first.profiles.update(ada, t0, (profile) => void profile.liked.push("2403.00001"));
      await claimOne(first, aClaim(ada, day, { papers: [sent("p1")] }), tenMinutes("instance-A"));
      expect((await second.profiles.get(ada))?.liked).toEqual(["2403.00001"]);
      expect((await recordOf(second, ada, day))?.owner).toBe("instance-A");
      expect(await second.deliveries.claim([aClaim(ada, day)], tenMinutes("instance-B"), t0)).toEqual(
        new Set(),
      );
    });

    it("30 + 30 likes from two instances at once: 60 kept", async () => {
      const first = handle.store;
      const second = await handle.another();
      const ids = (prefix: string): string[] => Array.from({ length: 30 }, (_, i) => `${prefix}.${i}`);
      const like = (store: typeof first, id: string): Promise<void> =>
        store.profiles.update(ada, t0, (profile) => void profile.liked.push(id));
      await Promise.all([
        ...ids("a").map((id) => like(first, id)),
        ...ids("b").map((id) => like(second, id)),
      ]);
      const liked = (await first.profiles.get(ada))?.liked ?? [];
      expect([...liked].sort()).toEqual([...ids("a"), ...ids("b")].sort());
    });

    it("two instances claiming the same days at once: each day is won exactly once", async () => {
      const first = handle.store;
      const second = await handle.another();
      const keys: TargetKey[] = [ada, lab, "discord:channel:1", "discord:channel:2", "telegram:user:3"];
      const claims = (prefix: string) =>
        keys.map((key) => aClaim(key, day, { papers: [sent(`${prefix}-${key}`)] }));
      const [byA, byB] = await Promise.all([
        first.deliveries.claim(claims("a"), tenMinutes("instance-A"), t0),
        second.deliveries.claim(claims("b"), tenMinutes("instance-B"), t0),
      ]);
      for (const key of keys) {
        expect([byA.has(key), byB.has(key)].filter(Boolean)).toHaveLength(1);
        const winner = byA.has(key) ? "a" : "b";
        expect((await recordOf(first, key, day))?.owner).toBe(winner === "a" ? "instance-A" : "instance-B");
        expect(await sentIdsOf(second, key)).toEqual([`${winner}-${key}`]);
      }
    });

    it("two instances taking over at once never get the same claim", async () => {
      const first = handle.store;
      const second = await handle.another();
      const keys: TargetKey[] = [ada, lab, "discord:channel:1", "discord:channel:2", "telegram:user:3"];
      const leaseA = tenMinutes("instance-A");
      await first.deliveries.claim(
        keys.map((key) => aClaim(key, day)),
        leaseA,
        t0,
      );
      const later = minutesAfter(leaseA.until, 1);
      const [toB, toC] = await Promise.all([
        first.deliveries.takeOver(tenMinutes("instance-B", later), later),
        second.deliveries.takeOver(tenMinutes("instance-C", later), later),
      ]);
      expect([...toB, ...toC].map((record) => record.key).sort()).toEqual([...keys].sort());
      for (const record of toC) expect((await recordOf(first, record.key, day))?.owner).toBe("instance-C");
      for (const record of toB) expect((await recordOf(second, record.key, day))?.owner).toBe("instance-B");
    });
  });
}
