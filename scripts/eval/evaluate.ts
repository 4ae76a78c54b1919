import type { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import type { KeywordQuery } from "./iclr.js";
import { meanMetrics, type QueryMetrics, scoreRanking } from "./metrics.js";

/** How deep each query is ranked: trec_eval's usual 1,000 (MAP is computed over it). */
export const RUN_DEPTH = 1000;

export function rankIds(
  index: TfIdfIndex,
  query: string,
  depth = RUN_DEPTH,
): Array<{ id: string; score: number }> {
  return index.search(query, { limit: depth }).results.map((r) => ({ id: r.id, score: r.score }));
}

/**
 * Mean metrics of the queries ranked `depth` deep. Only nDCG@10 and P@10 stay exact below the
 * default depth (R@100 needs 100, MAP all 1,000).
 */
export function evaluate(
  index: TfIdfIndex,
  queries: readonly KeywordQuery[],
  depth = RUN_DEPTH,
): QueryMetrics {
  return meanMetrics(
    queries.map((q) =>
      scoreRanking(
        rankIds(index, q.query, depth).map((r) => r.id),
        q.relevant,
      ),
    ),
  );
}
