import type { Paper } from "../paper.js";

/**
 * Papers by arXiv id from outside the corpus (the arXiv API), for imported entries that name an
 * id but bring no abstract. Ids arXiv does not know are simply missing from the answer.
 */
export type PaperLookup = (arxivIds: readonly string[]) => Promise<Paper[]>;
