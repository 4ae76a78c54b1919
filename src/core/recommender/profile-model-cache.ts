import type { Library } from "../records.js";
import {
  buildProfileModel,
  feedbackCentroids,
  interestVectors,
  type ProfileModel,
  type ProfileSignals,
} from "./profile-model.js";
import type { VectorCache } from "./vector-cache.js";

/** Beyond this many targets the cache starts over: memory stays bounded, the cost is one rebuild each. */
const MAX_MODELS = 200_000;

interface Remembered {
  indexGeneration: number;
  readonly interests: readonly string[];
  readonly liked: readonly string[];
  readonly disliked: readonly string[];
  /** When the library the model holds was imported ("" for none): importing again replaces it. */
  readonly libraryImportedAt: string;
  model: ProfileModel;
}

/**
 * Each target's profile model, kept across digests and runs until its interests or feedback change
 * (compared by content, so no writer has to remember to mark a profile changed); when the index
 * grows, the interest vectors and feedback centroids are recomputed (words change weight, new words
 * become known) and the library's model is kept. Most of thousands of profiles change rarely.
 */
export class ProfileModelCache {
  readonly #models = new Map<string, Remembered>();

  constructor(private readonly vectors: VectorCache) {}

  modelFor(key: string, profile: ProfileSignals, library?: Library): ProfileModel {
    const indexGeneration = this.vectors.index.generation;
    const remembered = this.#models.get(key);
    const libraryImportedAt = library?.importedAt ?? "";
    if (remembered && unchanged(remembered, profile) && remembered.libraryImportedAt === libraryImportedAt) {
      if (remembered.indexGeneration === indexGeneration) return remembered.model;
      // Terms weigh by the idf of the moment, in stated interests and in the papers' sketches alike.
      remembered.model = {
        ...remembered.model,
        interests: interestVectors(profile.interests, this.vectors),
        ...feedbackCentroids(profile, this.vectors),
      };
      remembered.indexGeneration = indexGeneration;
      return remembered.model;
    }
    const model = buildProfileModel(profile, this.vectors, library?.papers);
    if (!remembered && this.#models.size >= MAX_MODELS) this.#models.clear();
    this.#models.set(key, {
      indexGeneration,
      interests: [...profile.interests],
      liked: [...profile.liked],
      disliked: [...profile.disliked],
      libraryImportedAt,
      model,
    });
    return model;
  }
}

function unchanged(remembered: Remembered, profile: ProfileSignals): boolean {
  return (
    sameItems(remembered.interests, profile.interests) &&
    sameItems(remembered.liked, profile.liked) &&
    sameItems(remembered.disliked, profile.disliked)
  );
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
