import { describe, expect, it } from "vitest";
import { CandidatePool, type ScoredCandidate } from "../../../src/core/recommender/candidate-pool.js";
import { buildProfileModel } from "../../../src/core/recommender/profile-model.js";
import { truncateVector } from "../../../src/core/recommender/truncate.js";
import { VectorCache } from "../../../src/core/recommender/vector-cache.js";
import { dot } from "../../../src/core/search/sparse.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { seedPapers } from "./fixtures.js";

const papers = seedPapers();
const index = TfIdfIndex.build(papers);
const vectors = new VectorCache(index);
const pool = CandidatePool.build(papers, vectors);
const ids = papers.map((paper) => paper.id);

const profiles = [
  { interests: ["large language models", "video generation", "agents"], liked: [], disliked: [] },
  { interests: ["reinforcement learning"], liked: [], disliked: [] },
  { interests: ["diffusion", "image editing"], liked: [ids[3] ?? "", ids[40] ?? ""], disliked: [] },
  { interests: ["benchmark"], liked: [ids[7] ?? ""], disliked: [ids[8] ?? "", ids[9] ?? ""] },
  { interests: [], liked: [ids[11] ?? "", ids[12] ?? ""], disliked: [ids[13] ?? ""] },
];

/** What `top` promises: the best `limit` of `score`, by score and then pool order. */
function bestOfScore(
  model: ReturnType<typeof buildProfileModel>,
  floor: number,
  eligible: (doc: number) => boolean,
  limit: number,
): ScoredCandidate[] {
  return pool
    .score(model, floor, eligible)
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, limit);
}

describe("CandidatePool.top", () => {
  it("returns the best of all scored candidates, with and without feedback", () => {
    const filters = [() => true, (doc: number) => doc % 3 !== 0];
    for (const profile of profiles) {
      const model = buildProfileModel(profile, vectors);
      for (const eligible of filters) {
        for (const [floor, limit] of [
          [0, 5],
          [0.05, 20],
          [0.2, 3],
        ] as const) {
          expect(pool.top(model, floor, eligible, limit)).toEqual(bestOfScore(model, floor, eligible, limit));
        }
      }
    }
  });

  it("never returns an ineligible paper or the same paper twice", () => {
    const model = buildProfileModel(profiles[0] ?? { interests: [], liked: [], disliked: [] }, vectors);
    const picked = pool.top(model, 0, (doc) => doc % 2 === 0, 50).map(({ doc }) => doc);
    expect(picked.length).toBeGreaterThan(5);
    expect(picked.every((doc) => doc % 2 === 0)).toBe(true);
    expect(new Set(picked).size).toBe(picked.length);
  });
});

describe("CandidatePool.similarity", () => {
  it("is the cosine of the two papers' 32 strongest terms, the same both ways round", () => {
    for (const [a, b] of [
      [0, 1],
      [5, 17],
      [30, 31],
      [2, 2],
    ] as const) {
      const expected = dot(
        truncateVector(pool.vectors[a] ?? { ids: new Int32Array(), weights: new Float32Array() }, 32),
        truncateVector(pool.vectors[b] ?? { ids: new Int32Array(), weights: new Float32Array() }, 32),
      );
      expect(pool.similarity(a, b)).toBeCloseTo(expected, 6);
      expect(pool.similarity(b, a)).toBe(pool.similarity(a, b));
    }
  });
});

describe("match lists and rows", () => {
  const phrases = ["large language models", "reinforcement learning", "diffusion image editing"];

  it("a list made from an interest's row is the list made from the postings, at every cut", () => {
    for (const phrase of phrases) {
      for (const cut of [0.3, 0.1, 0.01, Number.MIN_VALUE]) {
        const fromPostings = CandidatePool.build(papers, vectors).matchesOf(vectors.phrase(phrase), cut);
        const withRow = CandidatePool.build(papers, vectors);
        withRow.matchRowOf(vectors.phrase(phrase));
        expect(withRow.matchesOf(vectors.phrase(phrase), cut)).toEqual(fromPostings);
      }
    }
  });

  it("a row holds every candidate sharing a term with the interest, scored as its list scores it", () => {
    const vector = vectors.phrase("video generation");
    const row = pool.matchRowOf(vector);
    const list = pool.matchesOf(vector, Number.MIN_VALUE);
    const sharing = pool.vectors.flatMap((paper, doc) => (dot(paper, vector) > 0 ? [doc] : []));
    expect([...row.docs].sort((a, b) => a - b)).toEqual(sharing);
    const listed = new Map([...list.docs].map((doc, i) => [doc, list.scores[i]]));
    row.docs.forEach((doc, i) => expect(row.scores[i]).toBe(listed.get(doc)));
  });
});

describe("CandidatePool.sharedTermLabels", () => {
  it("names the shared terms as the index labels them, in a fresh array each time", () => {
    const local = CandidatePool.build(papers, vectors);
    const reference = vectors.phrase("large language models");
    for (const doc of [0, 3, 10, 3]) {
      const labels = local.sharedTermLabels(reference, doc, 5, index);
      expect(labels).toEqual(index.labels(local.sharedTerms(reference, doc, 5)));
      labels.push("changed by the caller");
    }
    expect(local.sharedTermLabels(reference, 3, 2, index)).toEqual(
      index.labels(local.sharedTerms(reference, 3, 2)),
    );
  });
});

describe("CandidatePool.top with no room", () => {
  it("returns nothing when asked for no candidates", () => {
    const model = buildProfileModel(profiles[2] ?? { interests: [], liked: [], disliked: [] }, vectors);
    expect(pool.top(model, 0, () => true, 0)).toEqual([]);
  });
});
