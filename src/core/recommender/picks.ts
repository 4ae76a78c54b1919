import type { Paper } from "../paper.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import type { CandidatePool, ScoredCandidate } from "./candidate-pool.js";
import { closestLibraryItem } from "./library-model.js";
import { FROM_LIBRARY } from "./top-candidates.js";
import { selectByMmr } from "./mmr.js";
import { cosine } from "../search/sparse.js";
import { NO_FILTERS, type PickFilters } from "./pick-filters.js";
import type { ProfileModel } from "./profile-model.js";

/**
 * How daily picks are chosen, tuned with scripts/eval/digest.ts on the ICLR keyword set (300 users ×
 * 20 days, seeds 7, 1, 2, 3: coverage 0.670 vs 0.664 for plain top-5 at seed 7, precision 0.225 vs 0.221).
 * `threshold`: the lowest profile score worth sending. `lambda`: MMR's weight of relevance against
 * redundancy. `sameInterest`: how similar MMR deems two papers matching the same stated interest
 * even when their words differ, so that one interest cannot take every slot from the others.
 */
export const PICK_TUNING: PickTuning = { threshold: 0.05, lambda: 0.85, sameInterest: 0.2 };

export const DEFAULT_PICKS = 5;
export const MIN_PICKS = 1;
export const MAX_PICKS = 10;

/** A target that never had a digest gets the papers of the last few days. */
export const FIRST_WINDOW_DAYS = 3;
/** arXiv dates are submission dates, announced a day or two later: look back that far again. */
export const ANNOUNCEMENT_LAG_DAYS = 2;
/** After a long pause, older papers are stale news: never look back further. */
export const MAX_WINDOW_DAYS = 7;
/** How far back a paper may still be a candidate, with a day to spare (the digest pool's hour). */
export const CANDIDATE_MS = (MAX_WINDOW_DAYS + 1) * 86_400_000;

/** MMR looks at this many candidates per slot: enough to find another topic, few enough to be cheap. */
const MMR_CANDIDATES_PER_PICK = 4;
const MAX_EXPLAINED_TERMS = 5;
const DAY_MS = 86_400_000;

export interface DailyPick {
  paper: Paper;
  /** The profile score (Rocchio, see ROCCHIO), in [0, 1]. */
  score: number;
  /** The stated interest it matched best; undefined when a followed author, the library or liked papers brought it. */
  interest?: string;
  /** The followed author (as the target wrote the name) whose new paper this is. */
  author?: string;
  /** The title of the imported paper it resembles most, when the library pulled hardest. */
  library?: string;
  /** Terms shared with that interest (or with the liked papers), most telling first. */
  terms: string[];
}

export interface PickRequest {
  model: ProfileModel;
  /** Ids already sent to the target: never picked again. */
  sent: readonly string[];
  /** Papers published before this are not new; papers without a date always are. */
  since: Date;
  count: number;
  /** Followed authors, muted phrases, categories; none when absent. */
  filters?: PickFilters;
}

export interface PickTuning {
  threshold: number;
  lambda: number;
  sameInterest: number;
}

/**
 * Today's picks for one profile from a candidate pool: new, unsent, above the relevance threshold,
 * diversified with MMR, each with its explanation. Fewer than `count` (or none) on a quiet day.
 */
export function rankDailyPicks(
  pool: CandidatePool,
  index: TfIdfIndex,
  request: PickRequest,
  tuning: PickTuning = PICK_TUNING,
): DailyPick[] {
  const filters = request.filters ?? NO_FILTERS;
  const eligibility = pool.eligibility;
  const isEligible = eligibility.prepare(request.sent, request.model.judged, request.since.getTime());
  for (const phrase of filters.mutes) eligibility.excludeDocs(pool.filters.mutedBy(phrase));
  if (request.model.library) eligibility.excludeDocs(pool.filters.titled(request.model.library.titles));
  const followed = followedPicks(pool, request.model, filters.follows, isEligible);
  for (const pick of followed) eligibility.excludeDocs(Int32Array.of(pick.doc));
  if (filters.categories.length > 0) eligibility.excludeDocs(pool.filters.outside(filters.categories));
  const count = Math.max(0, clampCount(request.count) - followed.length);
  const relevant =
    count === 0 ? [] : pool.top(request.model, tuning.threshold, isEligible, count * MMR_CANDIDATES_PER_PICK);
  const picked = selectByMmr(relevant, count, tuning, pool.similarityOf);
  const picks: DailyPick[] = followed.map(({ pick }) => pick);
  for (const candidate of picked) picks.push(explainPick(pool, index, request.model, candidate));
  return picks;
}

/**
 * The eligible new papers of followed authors, newest first (at most MAX_PICKS), each scored
 * against the best-matching interest so its card still says how close it is to the rest.
 */
function followedPicks(
  pool: CandidatePool,
  model: ProfileModel,
  follows: readonly string[],
  isEligible: (doc: number) => boolean,
): Array<{ doc: number; pick: DailyPick }> {
  const found = new Map<number, string>();
  for (const name of follows) {
    for (const doc of pool.filters.by(name)) if (!found.has(doc) && isEligible(doc)) found.set(doc, name);
  }
  return [...found]
    .map(([doc, author]) => {
      const paper = pool.papers[doc] as Paper;
      const vector = pool.vectors[doc];
      const score = vector
        ? Math.max(0, ...model.interests.map((interest) => cosine(interest.vector, vector)))
        : 0;
      return { doc, pick: { paper, score: Math.min(1, score), author, terms: [] } };
    })
    .sort((a, b) => publishedMs(b.pick.paper) - publishedMs(a.pick.paper) || a.doc - b.doc)
    .slice(0, MAX_PICKS);
}

function publishedMs(paper: Paper): number {
  const ms = paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Where a target's picks start: shortly before its last digest that reached the chat (`lastSentAt`,
 * ISO), or a few days back when it had none.
 */
export function picksWindowStart(lastSentAt: string | undefined, now: Date): Date {
  const lastMs = lastSentAt === undefined ? Number.NaN : Date.parse(lastSentAt);
  if (Number.isNaN(lastMs)) return new Date(now.getTime() - FIRST_WINDOW_DAYS * DAY_MS);
  const start = Math.min(lastMs, now.getTime()) - ANNOUNCEMENT_LAG_DAYS * DAY_MS;
  return new Date(Math.max(start, now.getTime() - MAX_WINDOW_DAYS * DAY_MS));
}

/** A pick count within 1–10; anything else falls back to the default. */
export function clampCount(count: number): number {
  if (!Number.isInteger(count)) return DEFAULT_PICKS;
  return Math.min(MAX_PICKS, Math.max(MIN_PICKS, count));
}

function explainPick(
  pool: CandidatePool,
  index: TfIdfIndex,
  model: ProfileModel,
  picked: ScoredCandidate,
): DailyPick {
  const paper = pool.papers[picked.doc] as Paper;
  const interest = model.interests[picked.interest];
  const library = picked.interest === FROM_LIBRARY ? model.library : undefined;
  const reference = interest?.vector ?? library?.centroid ?? model.liked;
  const terms = pool.sharedTermLabels(reference, picked.doc, MAX_EXPLAINED_TERMS, index);
  if (interest) return { paper, score: picked.score, interest: interest.phrase, terms };
  const vector = pool.vectors[picked.doc];
  const closest = library && vector ? closestLibraryItem(library, vector) : undefined;
  return closest
    ? { paper, score: picked.score, library: closest.title, terms }
    : { paper, score: picked.score, terms };
}
