import type { Paper } from "../../../src/core/paper.js";
import type { Ranker } from "./ranker.js";
import { asciiIdentifierTokens, sklearnAnalyzer } from "./sklearn-analyzer.js";
import { ENGLISH_STOP_WORDS } from "./stop-words.js";
import type { TfidfOptions } from "./tfidf-vectorizer.js";
import { tfidfRanker } from "./tfidf-ranker.js";

/** arxiv-sanity-lite's analyzer: accents stripped, ASCII identifiers, English stop words, 1–2-grams. */
export const arxivSanityLiteAnalyzer = sklearnAnalyzer({
  stripAccents: true,
  tokenize: asciiIdentifierTokens,
  stopWords: ENGLISH_STOP_WORDS,
  maxN: 2,
});

/**
 * The `TfidfVectorizer` of arxiv-sanity-lite's compute.py with its command-line defaults
 * (`--num 20000 --min_df 5 --max_df 0.1`): sublinear tf, smoothed idf, l2 norm.
 */
export const ARXIV_SANITY_LITE: TfidfOptions = {
  analyze: arxivSanityLiteAnalyzer,
  maxDfShare: 0.1,
  minDfCount: 5,
  maxFeatures: 20_000,
  sublinearTf: true,
};

/** arxiv-sanity-lite's TF-IDF features, ranked by cosine with the query's features. */
export function arxivSanityLiteRanker(papers: readonly Paper[]): Ranker {
  return tfidfRanker(papers, ARXIV_SANITY_LITE);
}
