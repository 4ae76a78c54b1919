import { PaperShelf } from "../../src/core/corpus/paper-shelf.js";
import type { Paper } from "../../src/core/paper.js";
import { CANDIDATE_MS } from "../../src/core/recommender/picks.js";
import type { PaperRecords } from "../../src/core/store/port.js";

/**
 * A shelf holding `papers` whole whatever their dates, as an instance holds the demo corpus before
 * it is stored (pinned: found by id, by date and when paging), finding any other paper in `stored`.
 */
export function shelfHolding(
  papers: readonly Paper[],
  stored: Pick<PaperRecords, "get" | "since" | "bylinesByFamily">,
): PaperShelf {
  const shelf = new PaperShelf(stored, CANDIDATE_MS);
  shelf.pin(papers);
  return shelf;
}
