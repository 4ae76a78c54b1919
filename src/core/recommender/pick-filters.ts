import type { Profile } from "../records.js";

/**
 * What a target asked its picks to follow, avoid and stay within, as stored in its profile: a new
 * paper by a followed author always makes the picks (ahead of the rest, whatever its category or
 * score); a paper matching a muted phrase never does, not even a followed author's; with
 * categories set, the other picks come from those arXiv categories only.
 */
export interface PickFilters {
  follows: readonly string[];
  mutes: readonly string[];
  categories: readonly string[];
}

export const NO_FILTERS: PickFilters = { follows: [], mutes: [], categories: [] };

export function pickFiltersOf(profile: Pick<Profile, "follows" | "mutes" | "categories">): PickFilters {
  return {
    follows: profile.follows ?? [],
    mutes: profile.mutes ?? [],
    categories: profile.categories ?? [],
  };
}
