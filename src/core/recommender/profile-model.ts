import type { LibraryPaper, Profile } from "../records.js";
import { buildLibraryModel, type LibraryModel } from "./library-model.js";
import type { SparseVector } from "../search/sparse.js";
import { centroidOf } from "./centroid.js";
import type { VectorCache } from "./vector-cache.js";

/**
 * Rocchio weights. A paper's profile score is
 *
 *   α · max_i cos(interest_i, paper) + β · cos(liked centroid, paper) − γ · cos(disliked centroid, paper)
 *
 * which is Rocchio's q = α·q₀ + β·mean(liked) − γ·mean(disliked), except that the stated interests
 * are kept as separate vectors (taking the best one) instead of being averaged: averaging blurs a
 * profile with several unrelated topics into none of them, and the best-matching interest is what
 * each pick's explanation names. α = 1, β = 0.75, γ = 0.25 are the textbook values: feedback pulls
 * hard toward what was liked and pushes gently away from what was disliked.
 */
export const ROCCHIO = { alpha: 1, beta: 0.75, gamma: 0.25 } as const;

/**
 * The weight of an imported library's centroid, beside ROCCHIO's. Alone, the library is the whole
 * profile and weighs as much as a stated interest would, so as many papers clear the threshold. Beside
 * stated interests it is a broad prior under precise asks: weighed a quarter, it adds what the
 * interests miss without outvoting them (scripts/eval/library.ts: "both" beats the stated keyword
 * alone at 0.25, falls below it at 0.5 and 1).
 */
export const LIBRARY_WEIGHT = { alone: 1, besideInterests: 0.25 } as const;

/** How much the library counts in this model's scores. */
export function libraryWeightOf(model: ProfileModel): number {
  return model.interests.length > 0 ? LIBRARY_WEIGHT.besideInterests : LIBRARY_WEIGHT.alone;
}

/** Only the most recent feedback counts: tastes drift, and it bounds the work per profile. */
export const FEEDBACK_WINDOW = 50;
/** Feedback centroids keep their heaviest terms only, as Rocchio query expansion usually does. */
export const FEEDBACK_TERMS = 100;

export interface InterestVector {
  phrase: string;
  vector: SparseVector;
}

/** A profile turned into vectors, ready to score papers. */
export interface ProfileModel {
  interests: InterestVector[];
  liked: SparseVector;
  disliked: SparseVector;
  /** The imported library, when there is one (see LibraryModel). */
  library?: LibraryModel;
  /** Ids the profile has already judged or imported: never picked again. */
  judged: ReadonlySet<string>;
}

export type ProfileSignals = Pick<Profile, "interests" | "liked" | "disliked">;

/** Builds the vectors of a profile (and its imported library's papers); call it per answer so feedback counts at once. */
export function buildProfileModel(
  profile: ProfileSignals,
  vectors: VectorCache,
  library: readonly LibraryPaper[] = [],
): ProfileModel {
  const model: ProfileModel = {
    interests: interestVectors(profile.interests, vectors),
    ...feedbackCentroids(profile, vectors),
    judged: new Set([...profile.liked, ...profile.disliked]),
  };
  return library.length > 0 ? withLibrary(model, buildLibraryModel(library, vectors)) : model;
}

/** The model with a library: its papers are never picked as new. */
export function withLibrary(model: ProfileModel, library: LibraryModel): ProfileModel {
  return { ...model, library, judged: new Set([...model.judged, ...library.ids]) };
}

/** The vectors of stated interests; interests with no word the index knows are left out. */
export function interestVectors(phrases: readonly string[], vectors: VectorCache): InterestVector[] {
  return phrases
    .map((phrase) => ({ phrase, vector: vectors.phrase(phrase) }))
    .filter(({ vector }) => vector.ids.length > 0);
}

/** The centroids of the latest liked and disliked papers (see FEEDBACK_WINDOW). */
export function feedbackCentroids(
  profile: ProfileSignals,
  vectors: VectorCache,
): Pick<ProfileModel, "liked" | "disliked"> {
  return {
    liked: centroid(profile.liked.slice(-FEEDBACK_WINDOW), vectors),
    disliked: centroid(profile.disliked.slice(-FEEDBACK_WINDOW), vectors),
  };
}

/** Whether the profile says anything a paper could match. */
export function hasSignal(model: ProfileModel): boolean {
  return (
    model.interests.length > 0 || model.liked.ids.length > 0 || (model.library?.centroid.ids.length ?? 0) > 0
  );
}

/**
 * The normalised mean of the papers' strongest terms; papers no longer in the index are skipped.
 * Each paper brings its top terms only, so the centroid stays small however long its abstracts.
 */
function centroid(ids: readonly string[], vectors: VectorCache): SparseVector {
  const sketches: SparseVector[] = [];
  for (const id of ids) {
    const sketch = vectors.paperSketch(id);
    if (sketch) sketches.push(sketch);
  }
  return centroidOf(sketches, FEEDBACK_TERMS);
}
