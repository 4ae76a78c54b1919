import { isDeepStrictEqual } from "node:util";
import { PROFILE_LISTS, type Profile, withoutEmptyLists } from "../../core/records.js";
import type { ProfileRecords } from "../../core/store/port.js";
import type { TargetKey } from "../../core/target.js";
import { lockClass } from "./advisory-locks.js";
import type { Db } from "./db.js";
import { iso } from "./sql-time.js";
import { PassThrough, writing } from "./write-error.js";

export interface ProfileRow {
  target_key: string;
  interests: string[];
  liked: string[];
  disliked: string[];
  follows: string[];
  mutes: string[];
  categories: string[];
  updated_at: string;
}

/** The select list that reads a ProfileRow. */
export const profileColumns = `target_key, interests, liked, disliked, follows, mutes, categories, ${iso("updated_at")} AS updated_at`;

const upsert = `
INSERT INTO profiles (target_key, interests, liked, disliked, follows, mutes, categories, updated_at)
VALUES ($1, $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz)
ON CONFLICT (target_key) DO UPDATE SET
  interests = excluded.interests, liked = excluded.liked, disliked = excluded.disliked,
  follows = excluded.follows, mutes = excluded.mutes, categories = excluded.categories,
  updated_at = excluded.updated_at`;

export function profileRecords(db: Db): ProfileRecords {
  return {
    async get(key) {
      const [row] = await db.query<ProfileRow>(
        `SELECT ${profileColumns} FROM profiles WHERE target_key = $1`,
        [key],
      );
      return row && toProfile(row);
    },

    async getMany(keys) {
      const found = new Map<TargetKey, Profile>();
      if (keys.length === 0) return found;
      const rows = await db.query<ProfileRow>(
        `SELECT ${profileColumns} FROM profiles WHERE target_key = ANY($1::text[])`,
        [[...keys]],
      );
      for (const row of rows) found.set(row.target_key, toProfile(row));
      return found;
    },

    /**
     * The advisory lock serialises updates of one key from every instance, also when no row
     * exists yet (a row lock would have nothing to lock). It is taken before the SELECT, whose
     * snapshot therefore includes the previous holder's commit.
     */
    update(key, now, change) {
      return writing(db.location, () =>
        db.transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [lockClass.profiles, key]);
          const [row] = await tx.query<ProfileRow>(
            `SELECT ${profileColumns} FROM profiles WHERE target_key = $1`,
            [key],
          );
          const stored = row ? toProfile(row) : emptyProfile();
          const copy = structuredClone(stored);
          let result;
          try {
            result = change(copy);
          } catch (error) {
            throw new PassThrough(error);
          }
          withoutEmptyLists(copy);
          if (!isDeepStrictEqual(copy, stored)) {
            const { interests, liked, disliked, follows = [], mutes = [], categories = [] } = copy;
            const lists = [interests, liked, disliked, follows, mutes, categories];
            await tx.query(upsert, [key, ...lists, now.toISOString()]);
          }
          return result;
        }),
      );
    },
  };
}

function emptyProfile(): Profile {
  return { interests: [], liked: [], disliked: [], updatedAt: "" };
}

export function toProfile(row: ProfileRow): Profile {
  const profile: Profile = {
    interests: row.interests,
    liked: row.liked,
    disliked: row.disliked,
    updatedAt: row.updated_at,
  };
  for (const list of PROFILE_LISTS) if (row[list].length > 0) profile[list] = row[list];
  return profile;
}
