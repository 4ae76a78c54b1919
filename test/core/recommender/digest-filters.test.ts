import { describe, expect, it } from "vitest";
import { createDigestComposer } from "../../../src/core/recommender/digest.js";
import type { Paper } from "../../../src/core/paper.js";
import type { Profile, Subscription } from "../../../src/core/records.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { SUBSCRIPTION } from "./fixtures.js";

const NOW = new Date("2024-12-03T07:00:00Z");
const subscription: Subscription = { ...SUBSCRIPTION, timezone: "UTC" };

function paper(id: string, title: string, authors: string[], categories: string[]): Paper {
  const abstract = `${title}. Results on standard benchmarks.`;
  return {
    id,
    title,
    abstract,
    authors,
    categories,
    publishedAt: "2024-12-02T00:00:00Z",
    sources: ["arxiv"],
  };
}

const PAPERS = [
  paper("2412.10001", "Diffusion models for image editing", ["Ada Lovelace"], ["cs.CV"]),
  paper("2412.10002", "Diffusion models for quantum chemistry", ["Alan Turing"], ["physics.chem-ph"]),
  paper("2412.10003", "Diffusion models for text generation", ["Grace Hopper"], ["cs.CL"]),
  paper("2412.10004", "Sparse attention kernels", ["José Hernández-Orallo"], ["cs.DC"]),
];

function digestIds(profile: Partial<Profile>): string[] {
  const index = TfIdfIndex.build(PAPERS);
  const compose = createDigestComposer({ index, papers: () => PAPERS });
  const stored: Profile = {
    interests: ["diffusion models"],
    liked: [],
    disliked: [],
    updatedAt: "",
    ...profile,
  };
  const plan = compose(
    { key: "telegram:user:42", subscription, profile: stored, history: { sent: [] } },
    { now: NOW, late: false },
  );
  return plan.papers.map((p) => p.id);
}

describe("digests honour follows, mutes and categories", () => {
  it("without filters, sends every diffusion paper", () => {
    expect(digestIds({}).sort()).toEqual(["2412.10001", "2412.10002", "2412.10003"]);
  });

  it("leaves out papers matching a muted phrase", () => {
    expect(digestIds({ mutes: ["quantum"] }).sort()).toEqual(["2412.10001", "2412.10003"]);
  });

  it("keeps to the chosen categories", () => {
    expect(digestIds({ categories: ["cs.CL", "cs.CV"] }).sort()).toEqual(["2412.10001", "2412.10003"]);
  });

  it("sends a followed author's paper first, off-topic and outside the categories", () => {
    const ids = digestIds({ follows: ["J. Hernandez-Orallo"], categories: ["cs.CL"] });
    expect(ids).toEqual(["2412.10004", "2412.10003"]);
  });

  it("sends followed authors' papers to a profile with no interests at all", () => {
    expect(digestIds({ interests: [], follows: ["Grace Hopper"] })).toEqual(["2412.10003"]);
  });
});
