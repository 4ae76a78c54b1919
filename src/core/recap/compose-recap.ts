import { paperCard } from "../commands/cards.js";
import type { PaperCard, Reply } from "../commands/reply.js";
import { savedByLabel } from "../commands/saver-name.js";
import type { Paper } from "../paper.js";
import type { SavedPaper } from "../records.js";
import type { PaperVotes } from "../store/port.js";
import { parseTargetKey, sharedPlace, type TargetKey } from "../target.js";

/** How many papers each part of a recap shows at most. */
export const RECAP_SECTION_SIZE = 5;

export interface RecapInput {
  /** The channel the recap is posted in. */
  key: TargetKey;
  /** Papers with votes cast this week, counting those votes only (any order). */
  votes: readonly PaperVotes[];
  /** Papers saved to the channel's reading list this week, newest first. */
  saved: readonly SavedPaper[];
  /** The paper of an id; a paper the corpus no longer holds is left out. */
  paper: (id: string) => Paper | undefined;
  /** The week, as the title shows it, e.g. `2026-W49`. */
  weekLabel: string;
}

/**
 * A channel's weekly recap: the week's most-voted papers (best balance first, each with its
 * "👍 5 · 👎 1"), then the other papers saved this week with who saved them; at most
 * RECAP_SECTION_SIZE of each, no paper twice. Null when the week had neither: nothing is posted.
 */
export function composeRecap(input: RecapInput): Reply | null {
  const savedThisWeek = new Map(input.saved.map((saved) => [saved.paperId, saved]));
  const voted: PaperCard[] = [];
  for (const votes of [...input.votes].sort(byBalance)) {
    if (voted.length === RECAP_SECTION_SIZE) break;
    const paper = input.paper(votes.paperId);
    if (!paper || (votes.up === 0 && votes.down === 0)) continue;
    const saved = savedThisWeek.get(paper.id);
    const tally = `👍 ${votes.up} · 👎 ${votes.down} this week`;
    voted.push(paperCard(paper, { why: saved ? `${tally} · ${savedBy(saved)}` : tally }));
  }
  const shown = new Set(voted.map((card) => card.id));
  const saved: PaperCard[] = [];
  for (const entry of input.saved) {
    if (saved.length === RECAP_SECTION_SIZE) break;
    const paper = input.paper(entry.paperId);
    if (!paper || shown.has(paper.id)) continue;
    shown.add(paper.id);
    saved.push(paperCard(paper, { why: savedBy(entry) }));
  }
  if (voted.length + saved.length === 0) return null;
  const place = placeOf(input.key);
  const lines: string[] = [];
  if (voted.length > 0) lines.push(`Most voted in ${place} this week, best first: ${count(voted.length)}.`);
  if (saved.length > 0) {
    const also = voted.length > 0 ? "Also saved" : "Saved";
    lines.push(`${also} to ${place}'s reading list this week: ${count(saved.length)}.`);
  }
  return {
    kind: "papers",
    title: `Weekly recap · ${input.weekLabel}`,
    lines,
    cards: [...voted, ...saved],
    buttons: [],
    footer: "Vote with 👍 / 👎, keep a paper with 🔖; /saved shows the whole reading list.",
    private: false,
  };
}

/** Best balance (up − down) first, then most votes, then by paper id: as VoteRecords.topSince. */
function byBalance(a: PaperVotes, b: PaperVotes): number {
  return (
    b.up - b.down - (a.up - a.down) ||
    b.up + b.down - (a.up + a.down) ||
    (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0)
  );
}

function savedBy(saved: SavedPaper): string {
  return `saved ${saved.savedAt.slice(0, 10)} by ${savedByLabel(saved)}`;
}

function placeOf(key: TargetKey): string {
  return sharedPlace(parseTargetKey(key)?.platform ?? "discord");
}

function count(papers: number): string {
  return `${papers} paper${papers === 1 ? "" : "s"}`;
}
