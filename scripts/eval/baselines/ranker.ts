import type { Paper } from "../../../src/core/paper.js";
import { RUN_DEPTH } from "../evaluate.js";
import type { KeywordQuery } from "../iclr.js";
import { meanMetrics, type QueryMetrics, scoreRanking } from "../metrics.js";
import type { InvertedIndex, SparseVector } from "./sparse.js";

export interface RankedId {
  id: string;
  score: number;
}

/** A retrieval model fitted on one corpus: a query in, the best documents out. */
export interface Ranker {
  /** At most `depth` documents with a positive score, best first; none when no query term is known. */
  rank(query: string, depth: number): RankedId[];
}

/** The text every baseline indexes, as the protocol defines a document: title, a space, abstract. */
export function documentText(paper: Paper): string {
  return `${paper.title} ${paper.abstract}`;
}

/** A ranker that scores a query row against the document rows of `index` by dot product. */
export function invertedIndexRanker(
  ids: readonly string[],
  index: InvertedIndex,
  queryRow: (query: string) => SparseVector,
): Ranker {
  return {
    rank: (query, depth) =>
      index.rank(queryRow(query), depth).map(({ doc, score }) => ({ id: ids[doc] ?? "", score })),
  };
}

/** Mean metrics of `ranker` over `queries`, each ranked to the same depth as the index's runs. */
export function evaluateRanker(ranker: Ranker, queries: readonly KeywordQuery[]): QueryMetrics {
  return meanMetrics(
    queries.map((q) =>
      scoreRanking(
        ranker.rank(q.query, RUN_DEPTH).map((r) => r.id),
        q.relevant,
      ),
    ),
  );
}
