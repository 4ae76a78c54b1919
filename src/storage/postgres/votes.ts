import type { CastVote, Vote } from "../../core/records.js";
import { checkCount, checkTime, checkVote, checkedId } from "../../core/store/arguments.js";
import type { PaperBalance, PaperVotes, VoteRecords, VoteTotals } from "../../core/store/port.js";
import type { Db } from "./db.js";
import { iso } from "./sql-time.js";
import { writing } from "./write-error.js";

export interface VoteRow {
  target_key: string;
  paper_id: string;
  member: string;
  vote: Vote;
  at: string;
}

/** The select list that reads a VoteRow. */
export const voteColumns = `target_key, paper_id, member, vote, ${iso("at")} AS at`;

/** Each member's row is their own: concurrent casts on one paper touch different rows. */
const upsert = `
INSERT INTO votes (target_key, paper_id, member, vote, at) VALUES ($1, $2, $3, $4, $5::timestamptz)
ON CONFLICT (target_key, paper_id, member) DO UPDATE SET vote = excluded.vote, at = excluded.at
WHERE votes.vote <> excluded.vote`;

const counted = `count(*) FILTER (WHERE vote = 1)::int AS up, count(*) FILTER (WHERE vote = -1)::int AS down`;

export function voteRecords(db: Db): VoteRecords {
  return {
    /** The write and the totals in one transaction: the totals include the cast (and any committed before). */
    async cast(key, paperId, member, vote, now) {
      checkedId("paperId", paperId);
      checkedId("member", member);
      checkVote(vote);
      checkTime("now", now);
      return writing(db.location, () =>
        db.transaction(async (tx) => {
          if (vote === null) {
            await tx.query("DELETE FROM votes WHERE target_key = $1 AND paper_id = $2 AND member = $3", [
              key,
              paperId,
              member,
            ]);
          } else {
            await tx.query(upsert, [key, paperId, member, vote, now.toISOString()]);
          }
          const [row] = await tx.query<VoteTotals>(
            `SELECT ${counted} FROM votes WHERE target_key = $1 AND paper_id = $2`,
            [key, paperId],
          );
          return { up: row?.up ?? 0, down: row?.down ?? 0 };
        }),
      );
    },

    async totals(key, paperIds) {
      const totals = new Map<string, VoteTotals>(paperIds.map((paperId) => [paperId, { up: 0, down: 0 }]));
      if (paperIds.length === 0) return totals;
      const rows = await db.query<VoteTotals & { paper_id: string }>(
        `SELECT paper_id, ${counted} FROM votes WHERE target_key = $1 AND paper_id = ANY($2::text[])
         GROUP BY paper_id`,
        [key, [...paperIds]],
      );
      for (const { paper_id, up, down } of rows) totals.set(paper_id, { up, down });
      return totals;
    },

    async balances(key, limit) {
      checkCount("limit", limit);
      const rows = await db.query<{ paper_id: string; up: number; down: number; last_at: string }>(
        `SELECT paper_id, ${counted}, ${iso("max(at)")} AS last_at FROM votes WHERE target_key = $1
         GROUP BY paper_id ORDER BY max(at) DESC, paper_id LIMIT $2`,
        [key, limit],
      );
      return rows.map((row): PaperBalance => ({
        paperId: row.paper_id,
        up: row.up,
        down: row.down,
        lastAt: row.last_at,
      }));
    },

    async topSince(key, since, limit, until) {
      checkTime("since", since);
      checkCount("limit", limit);
      if (until !== undefined) checkTime("until", until);
      const rows = await db.query<{ paper_id: string; up: number; down: number }>(
        `SELECT paper_id, up, down FROM (
           SELECT paper_id, ${counted} FROM votes WHERE target_key = $1 AND at >= $2::timestamptz
             AND ($4::timestamptz IS NULL OR at < $4::timestamptz)
           GROUP BY paper_id) AS recent
         ORDER BY up - down DESC, up + down DESC, paper_id LIMIT $3`,
        [key, since.toISOString(), limit, until?.toISOString() ?? null],
      );
      return rows.map((row): PaperVotes => ({ paperId: row.paper_id, up: row.up, down: row.down }));
    },
  };
}

export function toCastVote(row: VoteRow): CastVote {
  return { paperId: row.paper_id, member: row.member, vote: row.vote, at: row.at };
}
