import { type Profile, withoutEmptyLists } from "../../core/records.js";
import type { ProfileRecords } from "../../core/store/port.js";
import type { TargetKey } from "../../core/target.js";
import { copyJson, jsonEqual } from "./json-copy.js";
import type { RecordEngine } from "./record-engine.js";
import { formatFieldPath, profileProblem } from "./shard-format.js";

function emptyProfile(): Profile {
  return { interests: [], liked: [], disliked: [], updatedAt: "" };
}

export function profileRecords(engine: RecordEngine): ProfileRecords {
  return {
    get: (key) => engine.read((data) => copyJson(data.profiles.get(key))),

    getMany: (keys) =>
      engine.read((data) => {
        const found = new Map<TargetKey, Profile>();
        for (const key of keys) {
          const profile = data.profiles.get(key);
          if (profile) found.set(key, copyJson(profile));
        }
        return found;
      }),

    update: (key, now, change) =>
      engine.write("profiles", (tx) => {
        const stored = tx.profiles.get(key);
        const draft = stored ? copyJson(stored) : emptyProfile();
        const result = change(draft);
        if (isThenable(result)) {
          result.then(undefined, () => undefined); // its outcome no longer matters: the update is refused
          throw new TypeError("profiles.update: change must be synchronous; do async work before update().");
        }
        withoutEmptyLists(draft);
        if (jsonEqual(draft, stored ?? emptyProfile())) return result;
        // A copy, so a reference the change kept cannot alter the stored profile later.
        const next = copyJson(draft);
        next.updatedAt = now.toISOString();
        const problem = profileProblem(next);
        if (problem) {
          throw new TypeError(
            `profiles.update: the change left ${key} with a bad ${formatFieldPath(problem)}.`,
          );
        }
        tx.profiles.set(key, next);
        return result;
      }),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
