import type { Paper } from "../core/paper.js";

export interface FetchPapersOptions {
  /** The UTC day to fetch, `YYYY-MM-DD`; the source's latest listing when absent. */
  date?: string;
  /** arXiv categories such as `cs.LG`; Hugging Face ignores them. */
  categories: string[];
  signal?: AbortSignal;
}

/** One place papers come from. Implementations throw on any failure rather than return a partial list. */
export interface PaperSource {
  name: "hf" | "arxiv" | "rss";
  fetch(options: FetchPapersOptions): Promise<Paper[]>;
}
