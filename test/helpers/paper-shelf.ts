import { PaperShelf } from "../../src/core/corpus/paper-shelf.js";
import type { Paper } from "../../src/core/paper.js";
import type { PaperRecords } from "../../src/core/store/port.js";

/**
 * A shelf holding `papers` whole whatever their dates (as an instance holds its recent papers),
 * finding any other paper in `stored`.
 */
export function shelfHolding(
  papers: readonly Paper[],
  stored: Pick<PaperRecords, "get" | "since">,
): PaperShelf {
  const shelf = new PaperShelf(stored, Number.POSITIVE_INFINITY);
  shelf.hold(papers);
  return shelf;
}
