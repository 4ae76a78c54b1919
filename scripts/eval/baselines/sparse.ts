/** A sparse row: weights keyed by term id. */
export type SparseVector = Map<number, number>;

export interface ScoredDoc {
  doc: number;
  score: number;
}

/** Occurrences of each known feature; features outside `vocabulary` are dropped, as a fitted model does. */
export function countFeatures(
  features: readonly string[],
  vocabulary: ReadonlyMap<string, number>,
): SparseVector {
  const counts: SparseVector = new Map();
  for (const feature of features) {
    const term = vocabulary.get(feature);
    if (term !== undefined) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** Scales a vector to unit Euclidean length; the zero vector stays zero (scikit-learn's `normalize`). */
export function l2Normalise(vector: SparseVector): SparseVector {
  let squares = 0;
  for (const weight of vector.values()) squares += weight * weight;
  if (squares === 0) return vector;
  const norm = Math.sqrt(squares);
  return new Map([...vector].map(([term, weight]) => [term, weight / norm]));
}

/**
 * Document rows stored term by term, so a query touches only the documents that share one of its
 * terms. A query's score for a document is the dot product of their rows.
 */
export class InvertedIndex {
  private readonly postings = new Map<number, { docs: number[]; weights: number[] }>();
  private readonly docCount: number;

  constructor(rows: readonly SparseVector[]) {
    this.docCount = rows.length;
    rows.forEach((row, doc) => {
      for (const [term, weight] of row) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = { docs: [], weights: [] }));
        list.docs.push(doc);
        list.weights.push(weight);
      }
    });
  }

  /** The `depth` best documents sharing a term with `query`, best first; equal scores keep document order. */
  rank(query: SparseVector, depth: number): ScoredDoc[] {
    const scores = new Float64Array(this.docCount);
    const seen = new Uint8Array(this.docCount);
    const touched: number[] = [];
    for (const [term, queryWeight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      list.docs.forEach((doc, i) => {
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        scores[doc] = (scores[doc] ?? 0) + queryWeight * (list.weights[i] ?? 0);
      });
    }
    return touched
      .map((doc) => ({ doc, score: scores[doc] ?? 0 }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, Math.max(0, depth));
  }
}
