import type { CastVote } from "../../core/records.js";
import { checkCount, checkTime, checkVote, checkedId } from "../../core/store/arguments.js";
import type { PaperBalance, PaperVotes, VoteRecords, VoteTotals } from "../../core/store/port.js";
import type { RecordEngine } from "./record-engine.js";
import { compareVotes, voteIndex } from "./vote-shape.js";

/**
 * Votes in their own lane and shards, a target's all in one record (ordered by paper, then
 * member). Each cast is one change of the lane: casts arriving together run one after the other
 * on one transaction and are saved together, so none is lost. A cast that changes nothing writes
 * nothing.
 */
export function voteRecords(engine: RecordEngine): VoteRecords {
  return {
    cast: async (key, paperId, member, vote, now) => {
      checkedId("paperId", paperId);
      checkedId("member", member);
      checkVote(vote);
      checkTime("now", now);
      const at = now.toISOString();
      return engine.write("votes", (tx) => {
        const votes = tx.votes.get(key) ?? [];
        const index = voteIndex(votes, paperId, member);
        const found = votes[index];
        const had = found !== undefined && compareVotes(found, { paperId, member }) === 0;
        if (vote === null) {
          if (had) {
            const left = [...votes.slice(0, index), ...votes.slice(index + 1)];
            tx.votes.set(key, left.length > 0 ? left : undefined);
          }
        } else if (!had || found.vote !== vote) {
          const cast: CastVote = { paperId, member, vote, at };
          tx.votes.set(key, [...votes.slice(0, index), cast, ...votes.slice(had ? index + 1 : index)]);
        }
        return totalsOf(tx.votes.get(key) ?? [], paperId);
      });
    },

    totals: (key, paperIds) =>
      engine.read((data) => {
        const votes = data.votes.get(key) ?? [];
        return new Map(paperIds.map((paperId) => [paperId, totalsOf(votes, paperId)]));
      }),

    balances: async (key, limit) => {
      checkCount("limit", limit);
      return engine.read((data) => {
        const papers = byPaper(data.votes.get(key) ?? [], () => true);
        papers.sort((a, b) => (a.lastAt !== b.lastAt ? (a.lastAt < b.lastAt ? 1 : -1) : byId(a, b)));
        return papers.slice(0, limit);
      });
    },

    topSince: async (key, since, limit, until) => {
      checkTime("since", since);
      checkCount("limit", limit);
      if (until !== undefined) checkTime("until", until);
      const from = since.toISOString();
      const to = until?.toISOString();
      return engine.read((data) => {
        const counts = (vote: CastVote) => vote.at >= from && (to === undefined || vote.at < to);
        const papers = byPaper(data.votes.get(key) ?? [], counts);
        papers.sort(
          (a, b) => b.up - b.down - (a.up - a.down) || b.up + b.down - (a.up + a.down) || byId(a, b),
        );
        return papers.slice(0, limit).map(({ paperId, up, down }): PaperVotes => ({ paperId, up, down }));
      });
    },
  };
}

/** A paper's totals: its votes are next to each other, found by binary search. */
function totalsOf(votes: readonly CastVote[], paperId: string): VoteTotals {
  const totals = { up: 0, down: 0 };
  for (let index = voteIndex(votes, paperId, ""); index < votes.length; index++) {
    const vote = votes[index] as CastVote;
    if (vote.paperId !== paperId) break;
    if (vote.vote === 1) totals.up += 1;
    else totals.down += 1;
  }
  return totals;
}

/** Each paper with votes that `counts`, its totals and latest time, in paper order. */
function byPaper(votes: readonly CastVote[], counts: (vote: CastVote) => boolean): PaperBalance[] {
  const papers: PaperBalance[] = [];
  let current: PaperBalance | undefined;
  for (const vote of votes) {
    if (!counts(vote)) continue;
    if (current?.paperId !== vote.paperId) {
      current = { paperId: vote.paperId, up: 0, down: 0, lastAt: vote.at };
      papers.push(current);
    }
    if (vote.vote === 1) current.up += 1;
    else current.down += 1;
    if (vote.at > current.lastAt) current.lastAt = vote.at;
  }
  return papers;
}

/** Code-unit order of paper ids, as Postgres's "C" collation. */
function byId(a: { paperId: string }, b: { paperId: string }): number {
  return a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0;
}
