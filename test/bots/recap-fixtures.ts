import { paperCard } from "../../src/core/commands/cards.js";
import type { Reply } from "../../src/core/commands/reply.js";
import type { Paper } from "../../src/core/paper.js";
import { allPapers, ARXIV_PAPERS } from "../core/commands/harness.js";

/*
 * The week of the weekly-recap tests, on the command harness's clock: members vote and save on
 * Tuesday 2024-12-03 (NOW, ISO week 2024-W49); the recap is turned on then, so the week's slot
 * is that Friday (or the day the test names) and the week before it counts as done.
 */

/** The papers of the lab's digest: two arXiv papers and one from the bundled corpus. */
export const [TRAFFIC, GRIDS] = ARXIV_PAPERS as [Paper, Paper];
export const SEED = paperById("hf-56059c89");

/** The date every save of the week carries, as a card shows it. */
export const SAVED_ON = "2024-12-03";

/** A paper of the test corpus by id; throws if the corpus lost it, so a test cannot pass vacuously. */
function paperById(id: string): Paper {
  const paper = allPapers().find((candidate) => candidate.id === id);
  if (!paper) throw new Error(`the test corpus has no paper ${id}`);
  return paper;
}

/** The bundled and test papers by id, as an instance's shelf finds them. */
export function paperShelf(): { byId(ids: readonly string[]): Promise<Map<string, Paper>> } {
  const papers = allPapers();
  return {
    byId: async (ids) =>
      new Map(papers.filter((paper) => ids.includes(paper.id)).map((paper) => [paper.id, paper])),
  };
}

/** The channel's digest with the three papers, as the scheduler composes it: members vote and save under it. */
export function labDigest(): Reply {
  return {
    kind: "papers",
    title: "Today's papers",
    lines: [],
    cards: [TRAFFIC, GRIDS, SEED].map((paper) => paperCard(paper)),
    buttons: [],
  };
}
