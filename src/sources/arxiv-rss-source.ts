import type { Paper } from "../core/paper.js";
import { parseArxivRss } from "./arxiv-rss.js";
import { withinDeadline } from "./deadline.js";
import type { HttpClient } from "./http.js";
import type { FetchPapersOptions, PaperSource } from "./port.js";
import { sourceUrl } from "./url.js";

export interface ArxivRssSourceOptions {
  /** `ARXIV_RSS_ROOT`, e.g. `https://rss.arxiv.org`. */
  rssRoot: string;
  http: HttpClient;
  /** Deadline of each run (INGEST_TIMEOUT); none when absent. */
  deadlineMs?: number;
}

/**
 * arXiv's daily listing of the given categories: `GET <rssRoot>/rss/cs.LG+cs.CL`.
 * The feed only ever holds the latest announcement, so `date` does not apply.
 */
export class ArxivRssSource implements PaperSource {
  readonly name = "rss";

  constructor(private readonly options: ArxivRssSourceOptions) {}

  async fetch(options: FetchPapersOptions): Promise<Paper[]> {
    const { categories } = options;
    if (categories.length === 0)
      throw new RangeError("The arXiv RSS feed needs at least one category, such as cs.LG");
    const path = `rss/${categories.map(encodeURIComponent).join("+")}`;
    return withinDeadline(options, this.options.deadlineMs, async ({ signal, deadline }) => {
      const xml = await this.options.http.getText(sourceUrl(this.options.rssRoot, path), {
        signal,
        deadline,
      });
      return parseArxivRss(xml);
    });
  }
}
