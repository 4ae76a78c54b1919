import type { Library } from "../records.js";
import {
  buildProfileModel,
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
 * grows, only the interest vectors are recomputed (words change weight, new words become known).
 * Most of thousands of profiles change rarely.
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
      // Feedback centroids come from stored paper vectors, which a growing index keeps.
      remembered.model = { ...remembered.model, interests: interestVectors(profile.interests, this.vectors) };
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
