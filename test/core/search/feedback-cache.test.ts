import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import { PaperVectorCache } from "../../../src/core/search/paper-vector-cache.js";
import type { SparseVector } from "../../../src/core/search/sparse.js";
import { TfIdfIndex } from "../../../src/core/search/tfidf-index.js";
import { benchQueries, sourcePapers, syntheticCorpus } from "../../../scripts/bench/synthetic-corpus.js";

const sources = sourcePapers();
const corpus: Paper[] = syntheticCorpus(800, 11, sources);
const queries = benchQueries(12, 3, sources);

/** What a user sees of one search: ids, scores, matched words and the total. */
function answer(index: TfIdfIndex, query: string, page = 0): unknown {
  const outcome = index.search(query, { limit: 10, offset: page * 10 });
  return [outcome.total, outcome.results.map((r) => [r.paper.id, r.score, r.matched])];
}

describe("feedback vectors kept between searches", () => {
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

describe("PaperVectorCache", () => {
  const vectorOf = (doc: number): SparseVector => ({
    ids: Int32Array.of(doc),
    weights: Float32Array.of(1),
  });

  it("computes a vector once, then serves it until it is the least recently used past capacity", () => {
    const cache = new PaperVectorCache(2);
    const computed: number[] = [];
    const get = (doc: number) =>
      cache.get(doc, (d) => {
        computed.push(d);
        return vectorOf(d);
      });
    get(1);
    get(2);
    get(1); // 1 is now more recent than 2
    get(3); // evicts 2
    get(1);
    get(2);
    expect(computed).toEqual([1, 2, 3, 2]);
    expect(cache.size).toBe(2);
    expect(get(5).ids[0]).toBe(5);
  });

  it("keeps nothing with capacity 0 and nothing after clear", () => {
    const none = new PaperVectorCache(0);
    none.get(1, vectorOf);
    expect(none.size).toBe(0);
    const some = new PaperVectorCache(4);
    some.get(1, vectorOf);
    some.clear();
    let recomputed = false;
    some.get(1, (d) => ((recomputed = true), vectorOf(d)));
    expect(recomputed).toBe(true);
  });
});
