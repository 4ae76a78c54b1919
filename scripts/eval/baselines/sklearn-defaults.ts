import type { Paper } from "../../../src/core/paper.js";
import type { Ranker } from "./ranker.js";
import { defaultTokens, sklearnAnalyzer } from "./sklearn-analyzer.js";
import type { TfidfOptions } from "./tfidf-vectorizer.js";
import { tfidfRanker } from "./tfidf-ranker.js";

/**
 * `TfidfVectorizer()` with every default: lowercase, `(?u)\b\w\w+\b`, no stop words, unigrams, raw
 * counts, smoothed idf, l2 norm, `min_df=1`, `max_df=1.0`, no `max_features`.
 */
export const SKLEARN_DEFAULTS: TfidfOptions = {
  analyze: sklearnAnalyzer({ stripAccents: false, tokenize: defaultTokens, maxN: 1 }),
  maxDfShare: 1,
  minDfCount: 1,
  sublinearTf: false,
};

/** scikit-learn's default TF-IDF cosine over title + abstract. */
export function sklearnDefaultsRanker(papers: readonly Paper[]): Ranker {
  return tfidfRanker(papers, SKLEARN_DEFAULTS);
}
