import type { Paper } from "../../../src/core/paper.js";
import { documentText, invertedIndexRanker, type Ranker } from "./ranker.js";
import { InvertedIndex } from "./sparse.js";
import { type TfidfOptions, TfidfVectorizer } from "./tfidf-vectorizer.js";

/**
 * Cosine ranking the scikit-learn way: fit the vectorizer on the corpus, `transform` the query with
 * the fitted vocabulary, and take the dot product of unit-length rows.
 */
export function tfidfRanker(papers: readonly Paper[], options: TfidfOptions): Ranker {
  const { vectorizer, rows } = TfidfVectorizer.fit(papers.map(documentText), options);
  return invertedIndexRanker(
    papers.map((paper) => paper.id),
    new InvertedIndex(rows),
    (query) => vectorizer.transform(query),
  );
}
