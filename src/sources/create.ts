import type { Logger } from "../core/log.js";
import { ArxivApiSource } from "./arxiv-api-source.js";
import { ArxivRssSource } from "./arxiv-rss-source.js";
import { DEFAULT_INGEST_TIMEOUT_MS } from "./deadline.js";
import { HfDailyPapersSource } from "./hf-source.js";
import { HttpClient, type HttpClientOptions } from "./http.js";
import type { PaperSource } from "./port.js";

export type SourceName = PaperSource["name"];
export const SOURCE_NAMES: readonly SourceName[] = ["hf", "arxiv", "rss"];

export interface PaperSourcesOptions {
  /** `HF_API_ROOT` */
  hfApiRoot: string;
  /** `ARXIV_API_ROOT` */
  arxivApiRoot: string;
  /** `ARXIV_RSS_ROOT` */
  arxivRssRoot: string;
  log: Logger;
  /**
   * `INGEST_TIMEOUT`: how long each source's run may take, retries and waits included (5 min
   * by default). Past it the source fails for that run; the others are not held up.
   */
  ingestTimeoutMs?: number;
  /** Least time between two arXiv API calls; arXiv asks for 3 s. */
  arxivSpacingMs?: number;
  /** Idle timeout, retries and backoff shared by all three clients. */
  http?: Omit<HttpClientOptions, "log" | "spacingMs">;
}

export interface PaperSources extends Record<SourceName, PaperSource> {
  /** Also looks papers up by id (imports), through the same spaced client as its ingest runs. */
  arxiv: ArxivApiSource;
}

/** The three sources, each with its own HTTP client so arXiv's spacing never slows Hugging Face. */
export function createPaperSources(options: PaperSourcesOptions): PaperSources {
  const client = (spacingMs = 0) => new HttpClient({ ...options.http, log: options.log, spacingMs });
  const deadlineMs = options.ingestTimeoutMs ?? DEFAULT_INGEST_TIMEOUT_MS;
  return {
    hf: new HfDailyPapersSource({ apiRoot: options.hfApiRoot, http: client(), deadlineMs }),
    arxiv: new ArxivApiSource({
      apiRoot: options.arxivApiRoot,
      http: client(options.arxivSpacingMs ?? 3_000),
      deadlineMs,
    }),
    rss: new ArxivRssSource({ rssRoot: options.arxivRssRoot, http: client(), deadlineMs }),
  };
}
