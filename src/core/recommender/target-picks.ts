import type { Paper } from "../paper.js";
import type { SparseVector } from "../search/sparse.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import { AuthorMatcher } from "./author-names.js";
import { CandidatePool } from "./candidate-pool.js";
import { type DailyPick, type PickRequest, PICK_TUNING, type PickTuning, rankDailyPicks } from "./picks.js";
import type { VectorCache } from "./vector-cache.js";

/** Per interest, how many of the corpus's best matches become candidates. */
const CANDIDATES_PER_VECTOR = 100;
/** A library spans several topics in one centroid: it brings more candidates than one interest. */
const CANDIDATES_PER_LIBRARY = 300;

/**
 * Picks for a single target without a prepared pool (a `/picks` preview, the `picks` CLI): each of
 * its interests (and its liked papers) ranks the whole corpus once, and the union of the best new,
 * unsent papers is scored exactly as a daily run scores its pool. `recent` holds every paper
 * published since `request.since` (more are ignored): the papers that may be picked.
 */
export function picksForTarget(
  index: TfIdfIndex,
  vectors: VectorCache,
  recent: Iterable<Paper>,
  request: PickRequest,
  tuning: PickTuning = PICK_TUNING,
): DailyPick[] {
  const sent = new Set(request.sent);
  const sinceMs = request.since.getTime();
  const pickable = new Map<string, Paper>();
  for (const paper of recent) {
    const early = paper.publishedAt !== undefined && Date.parse(paper.publishedAt) < sinceMs;
    if (!early && !sent.has(paper.id)) pickable.set(paper.id, paper);
  }
  const filter = (id: string): boolean => pickable.has(id);
  const queries: Array<{ vector: SparseVector; limit: number }> = [
    ...request.model.interests.map(({ vector }) => ({ vector, limit: CANDIDATES_PER_VECTOR })),
    { vector: request.model.liked, limit: CANDIDATES_PER_VECTOR },
  ];
  const library = request.model.library;
  if (library) queries.push({ vector: library.centroid, limit: CANDIDATES_PER_LIBRARY });
  const candidates = new Map<string, Paper>();
  for (const { vector, limit } of queries) {
    if (vector.ids.length === 0) continue;
    for (const { id } of index.rank(vector, { limit, filter }).results) {
      const paper = pickable.get(id);
      if (paper) candidates.set(id, paper);
    }
  }
  const follows = request.filters?.follows ?? [];
  if (follows.length > 0) {
    // A followed author's new paper is picked whatever its score: rank cannot be relied on to find it.
    const authors = new AuthorMatcher(follows);
    for (const paper of pickable.values()) {
      if (authors.matches(paper.authors) !== undefined) candidates.set(paper.id, paper);
    }
  }
  const pool = CandidatePool.build(candidates.values(), vectors);
  return rankDailyPicks(pool, index, request, tuning);
}
