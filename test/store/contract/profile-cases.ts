import { describe, expect, it } from "vitest";
import type { Profile } from "../../../src/core/records.js";
import { ada, bob, lab, minutesAfter, t0 } from "./helpers.js";
import type { StoreHandle } from "./helpers.js";

const emptyProfile: Profile = { interests: [], liked: [], disliked: [], updatedAt: "" };

/** profiles: get, getMany, and update as one read-modify-write transaction. */
export function profileCases(handle: StoreHandle): void {
  describe("profiles", () => {
    it("get answers undefined for a target that never had a profile", async () => {
      expect(await handle.store.profiles.get(ada)).toBeUndefined();
    });

    it("update of a missing profile hands change() an empty profile and stores it with updatedAt = now", async () => {
      const { profiles } = handle.store;
      let seen: Profile | undefined;
      await profiles.update(ada, t0, (profile) => {
        seen = structuredClone(profile);
        profile.liked.push("2403.00001");
      });
      expect(seen).toEqual(emptyProfile);
      expect(await profiles.get(ada)).toEqual({
        interests: [],
        liked: ["2403.00001"],
        disliked: [],
        updatedAt: t0.toISOString(),
      });
    });

    it("update hands change() the stored profile and stamps a change with the new now", async () => {
      const { profiles } = handle.store;
      const later = minutesAfter(t0, 5);
      await profiles.update(ada, t0, (profile) => void profile.interests.push("diffusion models"));
      let seen: Profile | undefined;
      await profiles.update(ada, later, (profile) => {
        seen = structuredClone(profile);
        profile.disliked.push("2403.00009");
      });
      expect(seen).toEqual({ ...emptyProfile, interests: ["diffusion models"], updatedAt: t0.toISOString() });
      expect(await profiles.get(ada)).toEqual({
        interests: ["diffusion models"],
        liked: [],
        disliked: ["2403.00009"],
        updatedAt: later.toISOString(),
      });
    });

    it("follows, mutes and categories round-trip; an emptied list reads back absent", async () => {
      const { profiles } = handle.store;
      await profiles.update(ada, t0, (profile) => {
        profile.follows = ["Yann LeCun", "Fei-Fei Li"];
        profile.mutes = ["quantum computing"];
        profile.categories = ["cs.LG", "cs.CL"];
      });
      expect(await profiles.get(ada)).toEqual({
        ...emptyProfile,
        follows: ["Yann LeCun", "Fei-Fei Li"],
        mutes: ["quantum computing"],
        categories: ["cs.LG", "cs.CL"],
        updatedAt: t0.toISOString(),
      });
      const later = minutesAfter(t0, 1);
      await profiles.update(ada, later, (profile) => {
        profile.follows = [];
        profile.mutes?.splice(0);
      });
      expect(await profiles.get(ada)).toEqual({
        ...emptyProfile,
        categories: ["cs.LG", "cs.CL"],
        updatedAt: later.toISOString(),
      });
      expect((await handle.store.snapshot()).profiles.get(ada)?.categories).toEqual(["cs.LG", "cs.CL"]);
    });

    it("update that changes nothing writes nothing: a never-created profile stays missing", async () => {
      const { profiles } = handle.store;
      await profiles.update(ada, t0, () => {});
      await profiles.update(ada, t0, (profile) => void profile.liked.sort());
      expect(await profiles.get(ada)).toBeUndefined();
      expect((await profiles.getMany([ada])).size).toBe(0);
    });

    it("update that changes nothing keeps updatedAt of a stored profile", async () => {
      const { profiles } = handle.store;
      await profiles.update(ada, t0, (profile) => void profile.liked.push("2403.00001"));
      await profiles.update(ada, minutesAfter(t0, 60), (profile) => {
        // Same content, rebuilt: deep-equal to what is stored, so not a change.
        profile.liked = ["2403.00001"];
      });
      expect(await profiles.get(ada)).toEqual({
        ...emptyProfile,
        liked: ["2403.00001"],
        updatedAt: t0.toISOString(),
      });
    });

    it("update resolves with what change() returns", async () => {
      const result = await handle.store.profiles.update(ada, t0, (profile) => {
        profile.liked.push("2403.00001");
        return { added: true, count: profile.liked.length };
      });
      expect(result).toEqual({ added: true, count: 1 });
      expect(await handle.store.profiles.update(lab, t0, () => "unchanged")).toBe("unchanged");
    });

    it("change() throwing stores nothing and rejects with that error", async () => {
      const { profiles } = handle.store;
      await profiles.update(ada, t0, (profile) => void profile.interests.push("diffusion models"));
      const boom = new Error("interest too long");
      const later = minutesAfter(t0, 5);
      const failing = (profile: Profile): never => {
        profile.interests.push("half-made change");
        throw boom;
      };
      await expect(profiles.update(ada, later, failing)).rejects.toBe(boom);
      await expect(profiles.update(lab, later, failing)).rejects.toBe(boom);
      expect(await profiles.get(ada)).toEqual({
        ...emptyProfile,
        interests: ["diffusion models"],
        updatedAt: t0.toISOString(),
      });
      expect(await profiles.get(lab)).toBeUndefined();
    });

    it("30 concurrent updates of one profile each keep their change", async () => {
      const { profiles } = handle.store;
      const ids = Array.from({ length: 30 }, (_, i) => `2403.${String(i).padStart(5, "0")}`);
      await Promise.all(ids.map((id) => profiles.update(ada, t0, (profile) => void profile.liked.push(id))));
      const stored = await profiles.get(ada);
      expect(stored?.liked).toHaveLength(30);
      expect([...(stored?.liked ?? [])].sort()).toEqual(ids);
    });

    it("getMany answers only the targets that have a profile", async () => {
      const { profiles } = handle.store;
      await profiles.update(ada, t0, (profile) => void profile.liked.push("2403.00001"));
      await profiles.update(lab, t0, (profile) => void profile.interests.push("robotics"));
      const found = await profiles.getMany([ada, bob, lab]);
      expect([...found.keys()].sort()).toEqual([ada, lab].sort());
      expect(found.get(ada)).toEqual({ ...emptyProfile, liked: ["2403.00001"], updatedAt: t0.toISOString() });
      expect(found.get(lab)).toEqual({
        ...emptyProfile,
        interests: ["robotics"],
        updatedAt: t0.toISOString(),
      });
      expect((await profiles.getMany([])).size).toBe(0);
    });

    it("hands out copies: changing a returned profile changes nothing stored", async () => {
      const { profiles } = handle.store;
      let handed: Profile | undefined;
      await profiles.update(ada, t0, (profile) => {
        profile.liked.push("2403.00001");
        handed = profile;
      });
      handed?.liked.push("from change()");
      const got = await profiles.get(ada);
      got?.liked.push("from get()");
      if (got) got.updatedAt = "mutated";
      (await profiles.getMany([ada])).get(ada)?.disliked.push("from getMany()");
      expect(await profiles.get(ada)).toEqual({
        ...emptyProfile,
        liked: ["2403.00001"],
        updatedAt: t0.toISOString(),
      });
    });
  });
}
