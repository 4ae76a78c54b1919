import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import { truncateVector } from "../../../src/core/recommender/truncate.js";
import { SKETCH_TERMS } from "../../../src/core/search/paper-sketches.js";
import type { SparseVector } from "../../../src/core/search/sparse.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { benchQueries, sourcePapers, syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

const sources = sourcePapers();
const corpus: Paper[] = syntheticCorpus(800, 11, sources);
const queries = benchQueries(12, 3, sources);

/** What a user sees of one search: ids, scores, matched words and the total. */
function answer(index: TfIdfIndex, query: string, page = 0): unknown {
  const outcome = index.search(query, { limit: 10, offset: page * 10 });
  return [outcome.total, outcome.results.map((r) => [r.id, r.score, r.matched])];
}

describe("feedback between searches", () => {
  it("give the answers an index that never searched before gives, query after query and page after page", () => {
    const warm = TfIdfIndex.build(corpus);
    for (const query of queries) answer(warm, query);
    for (const query of queries) {
      for (const page of [0, 1])
        expect(answer(warm, query, page)).toEqual(answer(TfIdfIndex.build(corpus), query, page));
    }
  });

  it("are forgotten when papers are added or removed, whose idf changes every vector", () => {
    const warm = TfIdfIndex.build(corpus);
    for (const query of queries) answer(warm, query);
    const cold = TfIdfIndex.build(corpus);
    const added = corpus.slice(0, 200).map((p) => ({ ...p, id: `${p.id}-again` }));
    for (const index of [warm, cold]) {
      index.add(added);
      index.remove(corpus[3]?.id ?? "");
    }
    for (const query of queries) expect(answer(warm, query)).toEqual(answer(cold, query));
  });
});

describe("paper sketches (what feedback reads of a paper)", () => {
  const index = TfIdfIndex.build(corpus);
  /** Equal to `expected`: the same terms, ids ascending, the same weights but for float rounding. */
  const close = (sketch: SparseVector | undefined, expected: SparseVector) => {
    expect([...(sketch?.ids ?? [])]).toEqual([...expected.ids]);
    const weights = sketch?.weights ?? new Float32Array(0);
    // Weighed when read, from the term's count and weight, as the full vector is: no rounding but floats'.
    weights.forEach((w, i) => expect(Math.abs(w - (expected.weights[i] ?? 0))).toBeLessThan(1e-6));
  };

  it("hold a paper's 48 heaviest terms, normalised again, ids ascending", () => {
    for (const paper of corpus.slice(0, 50)) {
      const full = index.vectorOfText(paper);
      const sketch = index.sketchOf(paper.id);
      expect(full.ids.length).toBeGreaterThan(SKETCH_TERMS);
      close(sketch, truncateVector(full, SKETCH_TERMS));
    }
  });

  it("are made the same way for papers added after the build, and gone with a removed paper", () => {
    const grown = TfIdfIndex.build(corpus.slice(0, 400));
    const added = corpus[500] as Paper;
    grown.add([added]);
    close(grown.sketchOf(added.id), truncateVector(grown.vectorOfText(added), SKETCH_TERMS));
    grown.remove(added.id);
    expect(grown.sketchOf(added.id)).toBeUndefined();
    expect(grown.sketchOf("no-such-paper")).toBeUndefined();
  });

  it("keep every term of a paper with fewer than 48", () => {
    const short = TfIdfIndex.build([
      ...corpus.slice(0, 10),
      { ...(corpus[20] as Paper), id: "short", title: "Graph networks", abstract: "" },
    ]);
    const sketch = short.sketchOf("short");
    expect(sketch?.ids.length).toBe(short.vectorize("graph networks").ids.length);
  });
});
