import { paperCard } from "../commands/cards.js";
import type { PaperCard } from "../commands/reply.js";
import type { DailyPick } from "./picks.js";

/** Why a pick was chosen, in words. */
export function pickReason(pick: DailyPick): string {
  if (pick.author) return `by ${pick.author}, whom you follow`;
  if (pick.library) return `resembles “${clip(pick.library, 80)}” from your library`;
  return pick.interest ? `matches your interest “${pick.interest}”` : "resembles papers you liked";
}

/** Why a pick was chosen, as data: what kind of signal, and which one (`/picks --json`). */
export function pickBecause(pick: DailyPick): {
  because: "interest" | "author" | "library" | "liked";
  detail: string;
} {
  if (pick.author) return { because: "author", detail: pick.author };
  if (pick.library) return { because: "library", detail: pick.library };
  if (pick.interest) return { because: "interest", detail: pick.interest };
  return { because: "liked", detail: "papers you liked" };
}

export function pickCard(pick: DailyPick): PaperCard {
  return paperCard(pick.paper, { score: pick.score, why: pickReason(pick), matched: pick.terms });
}

export const QUIET_DAY_NOTE = "Nothing new matched your interests today. Tomorrow brings new papers.";
export const NO_INTERESTS_NOTE =
  "There are no interests to pick papers for yet. Add some with /interests add <phrase>, e.g. /interests add graph neural networks";
export const FEEDBACK_HINT =
  "👍 / 👎 tune the next picks at once; More like this finds neighbours; 🔖 saves to the reading list.";

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
