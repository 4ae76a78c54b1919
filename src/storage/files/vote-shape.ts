import type { CastVote } from "../../core/records.js";
import { isObject } from "./json-shape.js";
import type { FieldPath } from "./shard-format.js";

/*
 * A target's votes as kept under it in state/votes: CastVote[], ordered by paper id, then member
 * (code-unit order), one per (paper, member). The order lets a cast find a member's vote, and a
 * paper's votes, by binary search.
 */

/**
 * Checks a target's votes (sorting them, in place, if they are out of order): each with string
 * ids and time and a vote of 1 or -1, no member twice on one paper. Returns the path of the first
 * problem, or undefined.
 */
export function votesProblem(list: unknown): FieldPath | undefined {
  if (!Array.isArray(list)) return [];
  for (let index = 0; index < list.length; index++) {
    const problem = voteProblem(list[index]);
    if (problem) return [index, ...problem];
  }
  const votes = list as CastVote[];
  let sorted = true;
  for (let index = 1; index < votes.length && sorted; index++) {
    sorted = compareVotes(votes[index - 1] as CastVote, votes[index] as CastVote) < 0;
  }
  if (sorted) return undefined;
  votes.sort(compareVotes);
  for (let index = 1; index < votes.length; index++) {
    if (compareVotes(votes[index - 1] as CastVote, votes[index] as CastVote) === 0) {
      return [index, "member", "(votes twice on one paper)"];
    }
  }
  return undefined;
}

function voteProblem(vote: unknown): FieldPath | undefined {
  if (!isObject(vote)) return [];
  if (typeof vote.paperId !== "string") return ["paperId"];
  if (typeof vote.member !== "string") return ["member"];
  if (vote.vote !== 1 && vote.vote !== -1) return ["vote"];
  if (typeof vote.at !== "string") return ["at"];
  return undefined;
}

/** By paper id, then member, in code-unit order (as Postgres's "C" collation compares). */
export function compareVotes(
  a: Pick<CastVote, "paperId" | "member">,
  b: Pick<CastVote, "paperId" | "member">,
): number {
  if (a.paperId !== b.paperId) return a.paperId < b.paperId ? -1 : 1;
  if (a.member !== b.member) return a.member < b.member ? -1 : 1;
  return 0;
}

/** The index of the first vote not before (paperId, member): where it is, or would go. */
export function voteIndex(votes: readonly CastVote[], paperId: string, member: string): number {
  let low = 0;
  let high = votes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareVotes(votes[middle] as CastVote, { paperId, member }) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
