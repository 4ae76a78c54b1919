import type { Paper } from "../core/paper.js";
import type { RunDeadline } from "./deadline.js";

export interface FetchPapersOptions {
  /** The UTC day to fetch, `YYYY-MM-DD`; the source's latest listing when absent. */
  date?: string;
  /** arXiv categories such as `cs.LG`; Hugging Face ignores them. */
  categories: string[];
  /** Aborts every request of the run; sources bound by a deadline add theirs to it. */
  signal?: AbortSignal;
  /** When the run must be over: a Retry-After that would wait past it ends the run at once. */
  deadline?: RunDeadline;
}

/** One place papers come from. Implementations throw on any failure rather than return a partial list. */
export interface PaperSource {
  name: "hf" | "arxiv" | "rss";
  fetch(options: FetchPapersOptions): Promise<Paper[]>;
}
