/** Where a paper's record came from. A paper brought by several sources lists each once. */
export type PaperSource = "seed" | "hf" | "arxiv" | "rss";

/**
 * One research paper as paperboy stores it. Text is kept verbatim (no HTML escaping):
 * escaping is each adapter's job when it renders.
 */
export interface Paper {
  /** arXiv id without version (`2410.12345`, `hep-th/9901001`), or a stable `hf-…` id for seed papers. */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  /** ISO 8601 date-time. */
  publishedAt?: string;
  url?: string;
  categories?: string[];
  upvotes?: number;
  sources: PaperSource[];
}

/** The part of a paper that the search index counts. */
export type PaperText = Pick<Paper, "title" | "abstract">;

/** What the search index reads of a paper: its text is counted, only the id and date are remembered. */
export type IndexedPaper = PaperText & Pick<Paper, "id" | "publishedAt">;

/** Who wrote a paper, with what names it by: what matching a followed author's papers reads. */
export type PaperByline = Pick<Paper, "id" | "title" | "authors" | "publishedAt">;

/**
 * `part` of a paper with its date when it has one, and without the field when not, as a paper
 * without a date is stored (a store may answer a missing date as null).
 */
export function withPublishedAt<T extends object>(
  part: T,
  publishedAt: string | null | undefined,
): T & Pick<Paper, "publishedAt"> {
  return publishedAt === undefined || publishedAt === null ? part : { ...part, publishedAt };
}
