import type { Paper } from "../paper.js";
import type { SparseVector } from "../search/sparse.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import { Eligibility } from "./eligibility.js";
import {
  buildMatchList,
  buildMatchRow,
  type MatchList,
  type MatchRow,
  matchListOfRow,
  MatchScratch,
} from "./match-list.js";
import { PoolFilters } from "./pool-filters.js";
import { PoolPostings } from "./pool-postings.js";
import { ROCCHIO, type ProfileModel } from "./profile-model.js";
import { RocchioScorer } from "./rocchio-scorer.js";
import { sharedTerms } from "./shared-terms.js";
import { Sketches } from "./sketches.js";
import { mergeMatchLists, type ScoredCandidate, SeenMarks } from "./top-candidates.js";
import type { VectorCache } from "./vector-cache.js";

export type { ScoredCandidate } from "./top-candidates.js";

/** Terms kept per paper for MMR's paper-to-paper similarity: its topic, at a fraction of the cost. */
const SKETCH_TERMS = 32;
/** Explanations name a handful of terms; this many are remembered per paper and reference. */
const MAX_EXPLAINED = 16;

/**
 * The papers one run may pick from (e.g. the day's new papers), with a small inverted index over
 * just them. Each stated interest is scored against the pool once (its match list, shared by every
 * profile stating it), so thousands of profiles cost far less than ranking the pool once per profile.
 * Profiles with feedback are scored whole (see RocchioScorer).
 */
export class CandidatePool {
  readonly #docOf = new Map<string, number>();
  /** Set up per request by the daily ranking (see Eligibility). */
  readonly eligibility: Eligibility;
  /** Which candidates each muted phrase, followed author and choice of categories concerns. */
  readonly filters: PoolFilters;
  readonly #postings: PoolPostings;
  readonly #sketches: Sketches;
  readonly #matches = new WeakMap<SparseVector, MatchList>();
  readonly #rows = new WeakMap<SparseVector, MatchRow>();
  readonly #explained = new WeakMap<SparseVector, Map<number, readonly number[]>>();
  readonly #labelled = new WeakMap<SparseVector, Map<number, readonly string[]>>();
  /** What the remembered labels were made with: the first caller's index and limit. */
  #labelledWith: { index: TfIdfIndex; limit: number } | undefined;
  readonly #matchScratch: MatchScratch;
  readonly #seen: SeenMarks;
  readonly #scorer: RocchioScorer;

  private constructor(
    readonly papers: readonly Paper[],
    readonly vectors: readonly SparseVector[],
  ) {
    papers.forEach((paper, doc) => this.#docOf.set(paper.id, doc));
    this.#postings = PoolPostings.build(vectors);
    this.#sketches = new Sketches(vectors, SKETCH_TERMS);
    this.#matchScratch = new MatchScratch(papers.length);
    this.#seen = new SeenMarks(papers.length);
    this.eligibility = new Eligibility(papers, this.#docOf);
    this.filters = new PoolFilters(papers);
    this.#scorer = new RocchioScorer(this.#postings, papers.length, (vector) => this.matchRowOf(vector));
  }

  /** Indexes the papers the index knows (others are skipped), each once. */
  static build(papers: Iterable<Paper>, vectors: VectorCache): CandidatePool {
    const kept: Paper[] = [];
    const keptVectors: SparseVector[] = [];
    const ids = new Set<string>();
    for (const paper of papers) {
      if (ids.has(paper.id)) continue;
      const vector = vectors.paper(paper);
      if (!vector) continue;
      ids.add(paper.id);
      kept.push(paper);
      keptVectors.push(vector);
    }
    return new CandidatePool(kept, keptVectors);
  }

  get size(): number {
    return this.papers.length;
  }

  docOf(id: string): number | undefined {
    return this.#docOf.get(id);
  }

  /** Cosine similarity of two candidates over their strongest terms (what MMR needs to tell topics apart). */
  similarity(a: number, b: number): number {
    return this.#sketches.similarity(a, b);
  }

  /** `similarity` as a function of its own, made once per pool rather than once per profile. */
  readonly similarityOf = (a: number, b: number): number => this.#sketches.similarity(a, b);

  /**
   * The terms candidate `doc` shares with `reference` (an interest, or liked papers), most telling
   * first, at most `limit`; remembered per reference, as popular papers are explained to many profiles.
   */
  sharedTerms(reference: SparseVector, doc: number, limit: number): number[] {
    const vector = this.vectors[doc];
    if (!vector) return [];
    if (limit > MAX_EXPLAINED) return sharedTerms(reference, vector).slice(0, limit);
    let byDoc = this.#explained.get(reference);
    if (!byDoc) {
      byDoc = new Map();
      this.#explained.set(reference, byDoc);
    }
    let terms = byDoc.get(doc);
    if (!terms) {
      terms = sharedTerms(reference, vector).slice(0, MAX_EXPLAINED);
      byDoc.set(doc, terms);
    }
    return terms.slice(0, limit);
  }

  /**
   * `sharedTerms` in words, as `index` names them; remembered per reference and candidate like the
   * terms (for the index and limit the pool is first asked with). A new array each call.
   */
  sharedTermLabels(reference: SparseVector, doc: number, limit: number, index: TfIdfIndex): string[] {
    this.#labelledWith ??= { index, limit };
    if (this.#labelledWith.index !== index || this.#labelledWith.limit !== limit)
      return index.labels(this.sharedTerms(reference, doc, limit));
    let byDoc = this.#labelled.get(reference);
    if (!byDoc) {
      byDoc = new Map();
      this.#labelled.set(reference, byDoc);
    }
    let labels = byDoc.get(doc);
    if (!labels) {
      labels = index.labels(this.sharedTerms(reference, doc, limit));
      byDoc.set(doc, labels);
    }
    return labels.slice();
  }

  /**
   * Every candidate whose cosine score with `vector` is at least `cut`, best first; remembered per
   * vector (and recomputed only when a lower cut is asked for).
   */
  matchesOf(vector: SparseVector, cut: number): MatchList {
    let list = this.#matches.get(vector);
    if (!list || list.cut > cut) {
      const row = this.#rows.get(vector);
      list = row
        ? matchListOfRow(row, this.#matchScratch, cut)
        : buildMatchList(vector, this.#postings, this.#matchScratch, cut);
      this.#matches.set(vector, list);
    }
    return list;
  }

  /** Every candidate sharing a term with `vector`, with its score; remembered per vector. */
  matchRowOf(vector: SparseVector): MatchRow {
    let row = this.#rows.get(vector);
    if (!row) {
      row = buildMatchRow(vector, this.#postings, this.#matchScratch);
      this.#rows.set(vector, row);
    }
    return row;
  }

  /**
   * Scores every candidate that shares a term with the profile's interests or likes (see ROCCHIO)
   * and returns those scoring at least `minScore` that are `eligible`, in no particular order.
   */
  score(model: ProfileModel, minScore: number, eligible: (doc: number) => boolean): ScoredCandidate[] {
    return this.#scorer.all(model, Math.max(minScore, Number.MIN_VALUE), eligible);
  }

  /**
   * The `limit` best candidates `score` would return, best first (score descending, then pool order).
   * A profile without feedback reads only the top of its interests' match lists.
   */
  top(
    model: ProfileModel,
    minScore: number,
    eligible: (doc: number) => boolean,
    limit: number,
  ): ScoredCandidate[] {
    const floor = Math.max(minScore, Number.MIN_VALUE);
    if (model.liked.ids.length > 0 || model.disliked.ids.length > 0 || model.library)
      return this.#scorer.top(model, floor, eligible, limit);
    // Below floor / α an interest alone cannot lift a paper over the floor.
    const cut = ROCCHIO.alpha > 0 ? floor / ROCCHIO.alpha : 0;
    const lists = model.interests.map(({ vector }) => this.matchesOf(vector, cut));
    return mergeMatchLists(lists, { floor, weight: ROCCHIO.alpha, limit, seen: this.#seen }, eligible);
  }
}
