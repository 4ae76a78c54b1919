import { describe, expect, it } from "vitest";
import { CandidatePool } from "../../../src/core/recommender/candidate-pool.js";
import { buildProfileModel } from "../../../src/core/recommender/profile-model.js";
import { VectorCache } from "../../../src/core/recommender/vector-cache.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { seedPapers } from "./fixtures.js";

const papers = seedPapers();
const index = TfIdfIndex.build(papers);
const vectors = new VectorCache(index);
const pool = CandidatePool.build(papers, vectors);

function scores(profile: { interests: string[]; liked: string[]; disliked: string[] }): Map<string, number> {
  const model = buildProfileModel(profile, vectors);
  return new Map(
    pool.score(model, 0, () => true).map(({ doc, score }) => [pool.papers[doc]?.id ?? "", score]),
  );
}

/** The seed paper most similar to `id` (other than itself). */
function nearestNeighbour(id: string): string {
  const paper = papers.find((p) => p.id === id);
  if (!paper) throw new Error(`no paper ${id}`);
  const best = index.rank(index.vectorOfText(paper), { limit: 1, filter: (other) => other !== id })
    .results[0];
  if (!best) throw new Error(`no neighbour for ${id}`);
  return best.id;
}

describe("profile vector (Rocchio)", () => {
  const interests = ["large language models", "video generation"];
  const liked = papers.find((p) => /agent/i.test(p.title))?.id ?? "";
  const neighbour = nearestNeighbour(liked);

  it("raises a liked paper's neighbours at once", () => {
    const before = scores({ interests, liked: [], disliked: [] }).get(neighbour) ?? 0;
    const after = scores({ interests, liked: [liked], disliked: [] }).get(neighbour) ?? 0;
    expect(after).toBeGreaterThan(before);
  });

  it("lowers a disliked paper's neighbours at once", () => {
    const before = scores({ interests, liked: [], disliked: [] }).get(neighbour) ?? 0;
    const after = scores({ interests, liked: [], disliked: [liked] }).get(neighbour) ?? 0;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
  });

  it("scores each paper by the interest it matches best", () => {
    const model = buildProfileModel(
      { interests: ["reinforcement learning", "video generation"], liked: [], disliked: [] },
      vectors,
    );
    const scored = pool.score(model, 0, () => true);
    const rl = scored.find(
      ({ doc }) =>
        /reinforcement learning/i.test(pool.papers[doc]?.abstract ?? "") &&
        !/video/i.test(pool.papers[doc]?.abstract ?? ""),
    );
    expect(rl?.interest).toBe(0);
  });

  it("ignores interests with no known word and feedback on papers no longer stored", () => {
    const model = buildProfileModel({ interests: ["zzqxv"], liked: ["2501.99999"], disliked: [] }, vectors);
    expect(model.interests).toHaveLength(0);
    expect(model.liked.ids.length).toBe(0);
  });
});
