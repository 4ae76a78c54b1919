import { paperCard } from "../commands/cards.js";
import type { PaperCard } from "../commands/reply.js";
import type { DailyPick } from "./picks.js";

/** Why a pick was chosen, in words. */
export function pickReason(pick: DailyPick): string {
  return pick.interest ? `matches your interest “${pick.interest}”` : "resembles papers you liked";
}

export function pickCard(pick: DailyPick): PaperCard {
  return paperCard(pick.paper, { score: pick.score, why: pickReason(pick), matched: pick.terms });
}

export const QUIET_DAY_NOTE = "Nothing new matched your interests today. Tomorrow brings new papers.";
export const NO_INTERESTS_NOTE =
  "There are no interests to pick papers for yet. Add some with /interests add <phrase>, e.g. /interests add graph neural networks";
export const FEEDBACK_HINT = "👍 / 👎 tune the next picks at once; More like this finds neighbours.";
