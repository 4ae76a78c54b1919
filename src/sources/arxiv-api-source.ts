import type { Paper } from "../core/paper.js";
import { parseArxivAtom, type ArxivAtomPage } from "./arxiv-atom.js";
import { ArxivApiError, HttpError } from "./errors.js";
import { withinDeadline } from "./deadline.js";
import type { HttpClient, RequestBounds } from "./http.js";
import type { FetchPapersOptions, PaperSource } from "./port.js";
import { sourceUrl } from "./url.js";

/** A lookup call (an import waits on it) gives up after this long, however slowly arXiv answers. */
const LOOKUP_TIMEOUT_MS = 60_000;
/** Ids per `id_list` call: arXiv answers a hundred at once without strain. */
const ID_BATCH = 100;

export interface ArxivApiSourceOptions {
  /** `ARXIV_API_ROOT`, e.g. `https://export.arxiv.org`. */
  apiRoot: string;
  /** Should space its calls at least 3 s apart, as arXiv asks (see createPaperSources). */
  http: HttpClient;
  /** Entries per call. */
  pageSize?: number;
  /** Most entries fetched per run, whatever the feed's total. */
  maxResults?: number;
  /** Deadline of each run (INGEST_TIMEOUT), every page included; none when absent. */
  deadlineMs?: number;
  now?: () => Date;
}

/**
 * The arXiv API: papers of the given categories submitted on `date` (UTC), or in the last 24 hours
 * without a date, newest first, fetched page by page.
 */
export class ArxivApiSource implements PaperSource {
  readonly name = "arxiv";
  private readonly pageSize: number;
  private readonly maxResults: number;

  constructor(private readonly options: ArxivApiSourceOptions) {
    this.pageSize = options.pageSize ?? 200;
    this.maxResults = options.maxResults ?? 2_000;
  }

  async fetch(options: FetchPapersOptions): Promise<Paper[]> {
    const { date, categories } = options;
    if (categories.length === 0)
      throw new RangeError("The arXiv API needs at least one category, such as cs.LG");
    const query = `(${categories.map((c) => `cat:${c}`).join(" OR ")}) AND submittedDate:${this.window(date)}`;

    return withinDeadline(options, this.options.deadlineMs, async ({ signal, deadline }) => {
      const papers: Paper[] = [];
      for (let start = 0; start < this.maxResults; start += this.pageSize) {
        const size = Math.min(this.pageSize, this.maxResults - start);
        const page = await this.fetchPage(query, start, size, { signal, deadline });
        papers.push(...page.papers);
        if (page.papers.length === 0 || start + size >= page.totalResults) break;
      }
      return papers;
    });
  }

  /**
   * Papers by arXiv id (`id_list`), ID_BATCH per call, spaced like every call of this source, each
   * call given LOOKUP_TIMEOUT_MS. Ids arXiv does not know are missing from the answer. When a call
   * fails after others answered, the papers found so far are the answer; when the first fails, it throws.
   */
  async byIds(ids: readonly string[]): Promise<Paper[]> {
    const papers: Paper[] = [];
    for (let from = 0; from < ids.length; from += ID_BATCH) {
      const batch = ids.slice(from, from + ID_BATCH);
      const url = sourceUrl(this.options.apiRoot, "api/query", {
        id_list: batch.join(","),
        max_results: String(batch.length),
      });
      try {
        const feed = await this.getFeed(url, { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
        papers.push(...this.checked(parseArxivAtom(feed)).papers);
      } catch (error) {
        if (from === 0) throw error;
        break;
      }
    }
    return papers;
  }

  private async fetchPage(
    query: string,
    start: number,
    size: number,
    bounds: RequestBounds,
  ): Promise<ArxivAtomPage> {
    const url = sourceUrl(this.options.apiRoot, "api/query", {
      search_query: query,
      start: String(start),
      max_results: String(size),
      sortBy: "submittedDate",
      sortOrder: "descending",
    });
    return this.checked(parseArxivAtom(await this.getFeed(url, bounds)));
  }

  private checked(page: ArxivAtomPage): ArxivAtomPage {
    if (page.error !== undefined) throw new ArxivApiError(page.error);
    return page;
  }

  /** arXiv explains a refused query (HTTP 400) in an error feed: surface its reason, not just "400". */
  private async getFeed(url: string, bounds: RequestBounds): Promise<string> {
    try {
      return await this.options.http.getText(url, bounds);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 400) throw error;
      const reason = safeErrorReason(error.body);
      throw reason === undefined ? error : new ArxivApiError(reason, { cause: error });
    }
  }

  /** `[YYYYMMDDHHMM TO YYYYMMDDHHMM]` in UTC, arXiv's submittedDate syntax. */
  private window(date: string | undefined): string {
    if (date !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new RangeError(`Dates look like 2024-10-25, not "${date}"`);
      const day = date.replaceAll("-", "");
      return `[${day}0000 TO ${day}2359]`;
    }
    const now = this.options.now?.() ?? new Date();
    const dayBefore = new Date(now.getTime() - 24 * 60 * 60 * 1_000);
    return `[${stamp(dayBefore)} TO ${stamp(now)}]`;
  }
}

function stamp(time: Date): string {
  return time.toISOString().slice(0, 16).replace(/[-T:]/g, "");
}

function safeErrorReason(body: string): string | undefined {
  try {
    return parseArxivAtom(body).error;
  } catch {
    return undefined;
  }
}
