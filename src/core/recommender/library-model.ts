import type { LibraryPaper } from "../records.js";
import { foldText } from "../search/tokenizer.js";
import { dot, type SparseVector } from "../search/sparse.js";
import { centroidOf } from "./centroid.js";
import type { VectorCache } from "./vector-cache.js";

/**
 * A library spans many topics: its centroid keeps more terms than a handful of liked papers' does
 * (FEEDBACK_TERMS), so the smaller topics of a large library still count.
 */
export const LIBRARY_TERMS = 400;
/**
 * Imported papers an explanation may name: the newest, which weigh most. A profile model keeps their
 * vectors, and thousands of models stay in memory, so not every paper of a large library is kept.
 */
export const EXPLAINED_ITEMS = 100;

/** One imported paper as the ranking sees it. */
export interface LibraryItem {
  title: string;
  vector: SparseVector;
  /** See libraryWeight. */
  weight: number;
}

/**
 * An imported library turned into vectors. A candidate's library score is its cosine with the
 * weighted centroid of the library's papers, which ranks exactly as the weighted mean of its
 * cosines with each paper (a dot product is linear) — the score zotero-arxiv-daily uses — at the
 * cost of one vector instead of one per paper.
 */
export interface LibraryModel {
  centroid: SparseVector;
  /** The newest EXPLAINED_ITEMS papers, for explanations (the centroid counts every paper). */
  items: LibraryItem[];
  /** arXiv ids and folded titles of the library's papers: never picked as new. */
  ids: ReadonlySet<string>;
  titles: ReadonlySet<string>;
}

/** The weight of the j-th newest paper (j from 1): newer papers say more about today's interests. */
export function libraryWeight(j: number): number {
  return 1 / (1 + Math.log10(j + 1));
}

/** The library's vectors; papers (newest first) with no word the index knows are left out of the centroid. */
export function buildLibraryModel(papers: readonly LibraryPaper[], vectors: VectorCache): LibraryModel {
  const items: LibraryItem[] = [];
  const ids = new Set<string>();
  const titles = new Set<string>();
  papers.forEach((paper, at) => {
    if (paper.arxivId) ids.add(paper.arxivId);
    if (paper.title) titles.add(foldTitle(paper.title));
    const vector = vectors.text(paper);
    if (vector.ids.length > 0) items.push({ title: paper.title, vector, weight: libraryWeight(at + 1) });
  });
  const scaled = items.map(({ vector, weight }) => ({
    ids: vector.ids,
    weights: vector.weights.map((w) => w * weight),
  }));
  return { centroid: centroidOf(scaled, LIBRARY_TERMS), items: items.slice(0, EXPLAINED_ITEMS), ids, titles };
}

/** The imported paper a candidate resembles most (weight times cosine), for its explanation. */
export function closestLibraryItem(model: LibraryModel, vector: SparseVector): LibraryItem | undefined {
  let best: LibraryItem | undefined;
  let bestScore = 0;
  for (const item of model.items) {
    const score = item.weight * dot(item.vector, vector);
    if (score > bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}

/** A title as compared with the corpus's: case, accents of form, spacing and punctuation aside. */
export function foldTitle(title: string): string {
  return foldText(title)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
