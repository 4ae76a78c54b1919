import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import { VectorCache } from "../../../src/core/recommender/vector-cache.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";

const paper = (id: string, abstract: string): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract,
  authors: [],
  sources: ["arxiv"],
});

describe("VectorCache", () => {
  it("recomputes a paper's vector when ingestion replaces the paper with a fuller version", () => {
    const first = paper("2410.00001", "Graph neural networks for molecules.");
    const index = TfIdfIndex.build([
      first,
      paper("2410.00002", "Diffusion models for images."),
      paper("2410.00003", "Reinforcement learning for robots."),
    ]);
    const vectors = new VectorCache(index);
    const before = vectors.paper(first);
    const sketchBefore = vectors.paperSketch(first.id);
    const robots = index.vectorize("robots");

    const fuller = paper(
      "2410.00001",
      "Graph neural networks for molecules, and reinforcement learning for robots.",
    );
    index.add([fuller]);
    const after = vectors.paper(fuller);
    const sketchAfter = vectors.paperSketch(fuller.id);

    expect(index.size).toBe(3);
    expect(before && [...before.ids]).not.toContain(robots.ids[0]);
    expect(after && [...after.ids]).toContain(robots.ids[0]);
    expect(sketchBefore && [...sketchBefore.ids]).not.toContain(robots.ids[0]);
    expect(sketchAfter && [...sketchAfter.ids]).toContain(robots.ids[0]);
  });

  it("keeps the vectors of papers that did not change", () => {
    const diffusion = paper("2410.00002", "Diffusion.");
    const index = TfIdfIndex.build([paper("2410.00001", "Graph neural networks."), diffusion]);
    const vectors = new VectorCache(index);
    const kept = vectors.paper(diffusion);

    index.add([paper("2410.00003", "Transformers for speech.")]);

    expect(vectors.paper(diffusion)).toBe(kept);
    expect(vectors.paper(paper("2410.00009", "Not indexed."))).toBeUndefined();
  });
});
