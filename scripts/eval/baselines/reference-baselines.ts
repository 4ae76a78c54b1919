import type { Paper } from "../../../src/core/paper.js";
import { arxivSanityLiteRanker } from "./arxiv-sanity-lite.js";
import { stemmedBm25Ranker } from "./bm25.js";
import type { Ranker } from "./ranker.js";
import { sklearnDefaultsRanker } from "./sklearn-defaults.js";

export interface Baseline {
  name: string;
  build: (papers: readonly Paper[]) => Ranker;
}

/** What people rank papers with today, re-implemented to be measured beside the index. */
export const REFERENCE_BASELINES: readonly Baseline[] = [
  { name: "scikit-learn TfidfVectorizer()", build: sklearnDefaultsRanker },
  { name: "arxiv-sanity-lite TF-IDF", build: arxivSanityLiteRanker },
  { name: "stemmed BM25 (k1 1.2, b 0.75)", build: stemmedBm25Ranker },
];
