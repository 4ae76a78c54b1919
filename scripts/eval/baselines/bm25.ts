import { stemmer } from "stemmer";
import type { Paper } from "../../../src/core/paper.js";
import { documentText, invertedIndexRanker, type Ranker } from "./ranker.js";
import { defaultTokens } from "./sklearn-analyzer.js";
import { countFeatures, InvertedIndex, type SparseVector } from "./sparse.js";
import { ENGLISH_STOP_WORDS } from "./stop-words.js";

export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** Lucene's defaults. */
export const BM25_DEFAULTS: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** Lowercased `\w\w+` tokens without English stop words, Porter-stemmed. */
export function bm25Terms(text: string): string[] {
  return defaultTokens(text.toLowerCase())
    .filter((token) => !ENGLISH_STOP_WORDS.has(token))
    .map((token) => stemmer(token));
}

/** Lucene's idf: ln(1 + (N − df + 0.5) / (df + 0.5)), positive even for terms in every document. */
export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

interface Bm25Model {
  vocabulary: Map<string, number>;
  df: Float64Array;
  rows: SparseVector[];
}

/** Each document's row of tf / (tf + k1 · (1 − b + b · dl / avgdl)), and each term's df. */
function fitBm25(documents: ReadonlyArray<readonly string[]>, { k1, b }: Bm25Parameters): Bm25Model {
  const vocabulary = new Map<string, number>();
  for (const terms of documents) {
    for (const term of terms) if (!vocabulary.has(term)) vocabulary.set(term, vocabulary.size);
  }
  const counts = documents.map((terms) => countFeatures(terms, vocabulary));
  const df = new Float64Array(vocabulary.size);
  for (const row of counts) for (const term of row.keys()) df[term] = (df[term] ?? 0) + 1;
  const averageLength =
    documents.reduce((sum, terms) => sum + terms.length, 0) / Math.max(1, documents.length);
  const rows = counts.map((row, doc): SparseVector => {
    const lengthNorm = 1 - b + (b * (documents[doc]?.length ?? 0)) / averageLength;
    return new Map([...row].map(([term, tf]) => [term, tf / (tf + k1 * lengthNorm)]));
  });
  return { vocabulary, df, rows };
}

/**
 * Okapi BM25 as Lucene scores it: idf · tf / (tf + k1 · (1 − b + b · dl / avgdl)), summed over the
 * query's terms (a repeated query term counts again). dl counts a document's terms after stop words.
 * Lucene dropped the constant (k1 + 1) factor, which changes no ranking.
 */
export function stemmedBm25Ranker(papers: readonly Paper[], parameters = BM25_DEFAULTS): Ranker {
  const { vocabulary, df, rows } = fitBm25(
    papers.map((paper) => bm25Terms(documentText(paper))),
    parameters,
  );
  const queryRow = (query: string): SparseVector => {
    const row: SparseVector = new Map();
    for (const [term, qtf] of countFeatures(bm25Terms(query), vocabulary)) {
      row.set(term, qtf * bm25Idf(papers.length, df[term] ?? 0));
    }
    return row;
  };
  return invertedIndexRanker(
    papers.map((paper) => paper.id),
    new InvertedIndex(rows),
    queryRow,
  );
}
