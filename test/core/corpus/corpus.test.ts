import { describe, expect, it } from "vitest";
import { Corpus } from "../../../src/core/corpus/corpus.js";
import { mergePaper } from "../../../src/core/corpus/merge.js";
import type { Paper } from "../../../src/core/paper.js";

const fromHf: Paper = {
  id: "2410.17243",
  title: "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss",
  abstract: "Contrastive loss is a powerful approach for representation learning.",
  authors: ["Zesen Cheng", "Hang Zhang"],
  publishedAt: "2024-10-22T17:59:30.000Z",
  url: "https://arxiv.org/abs/2410.17243",
  upvotes: 64,
  sources: ["hf"],
};

const fromArxiv: Paper = {
  id: "2410.17243",
  title: "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss",
  abstract:
    "Contrastive loss is a powerful approach for representation learning, where larger batch sizes enhance performance.",
  authors: ["Zesen Cheng", "Hang Zhang", "Kehan Li"],
  publishedAt: "2024-10-23T09:00:00.000Z",
  url: "https://arxiv.org/abs/2410.17243",
  categories: ["cs.CV", "cs.LG"],
  sources: ["arxiv"],
};

describe("mergePaper", () => {
  it("keeps the upvotes, the longer abstract and author list, and unites sources and categories", () => {
    const merged = mergePaper(fromHf, fromArxiv);

    expect(merged).toEqual({
      ...fromArxiv,
      publishedAt: fromHf.publishedAt,
      upvotes: 64,
      sources: ["hf", "arxiv"],
    });
  });

  it("gives the same record whichever source came first", () => {
    const hfFirst = mergePaper(fromHf, fromArxiv);
    const arxivFirst = mergePaper(fromArxiv, fromHf);
    expect({ ...arxivFirst, sources: [...arxivFirst.sources].sort() }).toEqual({
      ...hfFirst,
      sources: [...hfFirst.sources].sort(),
    });
  });

  it("keeps the higher upvote count and the earliest date", () => {
    const later = { ...fromHf, upvotes: 80, publishedAt: "2024-10-30T00:00:00.000Z" };
    expect(mergePaper(fromHf, later)).toMatchObject({ upvotes: 80, publishedAt: fromHf.publishedAt });
    expect(mergePaper(later, fromHf)).toMatchObject({ upvotes: 80, publishedAt: fromHf.publishedAt });
  });

  it("prefers the unwrapped text when both say the same", () => {
    const wrapped = {
      ...fromHf,
      title: "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for\n  Contrastive Loss",
    };
    expect(mergePaper(wrapped, fromHf).title).toBe(fromHf.title);
    expect(mergePaper(fromHf, wrapped).title).toBe(fromHf.title);
  });

  it("does not change the records it merges", () => {
    const before = structuredClone(fromHf);
    mergePaper(fromHf, fromArxiv);
    expect(fromHf).toEqual(before);
  });
});

describe("Corpus", () => {
  it("adds new papers, merges known ones and counts identical ones as skipped", () => {
    const corpus = new Corpus();

    expect(corpus.upsert([fromHf])).toEqual({ added: [fromHf], merged: [], skipped: 0 });
    const second = corpus.upsert([fromArxiv, fromHf]);

    expect(second.added).toEqual([]);
    expect(second.merged.map((paper) => paper.sources)).toEqual([["hf", "arxiv"]]);
    expect(second.skipped).toBe(1);
    expect(corpus.size).toBe(1);
    expect(corpus.get("2410.17243")).toMatchObject({ upvotes: 64, categories: ["cs.CV", "cs.LG"] });
  });

  it("counts a paper brought twice in one batch as added once", () => {
    const result = new Corpus().upsert([fromHf, fromArxiv]);
    expect(result.added).toHaveLength(1);
    expect(result.added[0]?.sources).toEqual(["hf", "arxiv"]);
    expect(result.merged).toEqual([]);
  });

  it("merges a paper listed twice in what it is given into one", () => {
    const corpus = new Corpus();
    corpus.upsert([fromHf, fromArxiv]);
    expect(corpus.size).toBe(1);
    expect(corpus.all()[0]?.sources).toEqual(["hf", "arxiv"]);
  });

  it("keeps the insertion order and leaves stored records untouched by later merges", () => {
    const other: Paper = {
      ...fromHf,
      id: "2410.16251",
      title: "Can Knowledge Editing Really Correct Hallucinations?",
    };
    const corpus = new Corpus();
    corpus.upsert([fromHf, other]);
    const held = corpus.get(fromHf.id);

    corpus.upsert([fromArxiv]);

    expect(corpus.all().map((paper) => paper.id)).toEqual(["2410.17243", "2410.16251"]);
    expect(held).toEqual(fromHf);
    expect(corpus.get("missing")).toBeUndefined();
  });
});
