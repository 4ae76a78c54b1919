import type { Profile } from "../records.js";

const EMPTY_PROFILE: Readonly<Profile> = { interests: [], liked: [], disliked: [], updatedAt: "" };

/** A target's stored profile, or an empty one (not stored) when it has none yet. */
export function orEmpty(profile: Profile | undefined): Readonly<Profile> {
  return profile ?? EMPTY_PROFILE;
}
