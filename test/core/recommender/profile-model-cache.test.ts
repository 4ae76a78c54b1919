import { describe, expect, it } from "vitest";
import { ProfileModelCache } from "../../../src/core/recommender/profile-model-cache.js";
import { buildProfileModel } from "../../../src/core/recommender/profile-model.js";
import { VectorCache } from "../../../src/core/recommender/vector-cache.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { paper, seedPapers } from "./fixtures.js";

const papers = seedPapers();
const ids = papers.map((p) => p.id);

function setup() {
  const index = TfIdfIndex.build(papers);
  const vectors = new VectorCache(index);
  return { index, vectors, cache: new ProfileModelCache(vectors) };
}

describe("ProfileModelCache", () => {
  it("reuses a profile's model while the profile is unchanged", () => {
    const { cache } = setup();
    const profile = { interests: ["video generation"], liked: [ids[0] ?? ""], disliked: [] };
    const first = cache.modelFor("telegram:user:1", profile);
    expect(cache.modelFor("telegram:user:1", { ...profile, liked: [...profile.liked] })).toBe(first);
  });

  it("lets new interests and feedback count at once", () => {
    const { cache, vectors } = setup();
    const key = "discord:user:7";
    const before = { interests: ["video generation"], liked: [] as string[], disliked: [] as string[] };
    cache.modelFor(key, before);
    const liked = { ...before, liked: [ids[5] ?? ""] };
    expect(cache.modelFor(key, liked)).toEqual(buildProfileModel(liked, vectors));
    const more = { ...liked, interests: ["video generation", "reinforcement learning"] };
    expect(cache.modelFor(key, more).interests.map((i) => i.phrase)).toEqual(more.interests);
    const disliked = { ...more, disliked: [ids[6] ?? ""] };
    expect(cache.modelFor(key, disliked).disliked.ids.length).toBeGreaterThan(0);
  });

  it("recomputes interest vectors when the index learns new words", () => {
    const { cache, index, vectors } = setup();
    const profile = { interests: ["zorblax tokenizers"], liked: [ids[2] ?? ""], disliked: [] };
    const before = cache.modelFor("telegram:user:2", profile);
    index.add([paper("2601.00001", "Zorblax tokenizers", "Zorblax tokenizers split zorblax text.")]);
    const after = cache.modelFor("telegram:user:2", profile);
    expect(after.interests[0]?.vector.ids.length).toBeGreaterThan(
      before.interests[0]?.vector.ids.length ?? 0,
    );
    expect(after).toEqual(buildProfileModel(profile, vectors));
  });
});
