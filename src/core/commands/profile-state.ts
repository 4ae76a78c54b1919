import type { Profile } from "../state/types.js";
import type { BotState } from "../state/types.js";
import type { TargetKey } from "../target.js";

const EMPTY_PROFILE: Readonly<Profile> = { interests: [], liked: [], disliked: [], updatedAt: "" };

/** A target's profile, or an empty one (not stored) when it has none yet. */
export function readProfile(state: Readonly<BotState>, key: TargetKey): Readonly<Profile> {
  return state.profiles[key] ?? EMPTY_PROFILE;
}

/** The target's profile inside an update, created when missing. */
export function draftProfile(state: BotState, key: TargetKey, now: Date): Profile {
  let profile = state.profiles[key];
  if (!profile) {
    profile = { interests: [], liked: [], disliked: [], updatedAt: now.toISOString() };
    state.profiles[key] = profile;
  }
  profile.updatedAt = now.toISOString();
  return profile;
}
