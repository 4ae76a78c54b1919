import { countFeatures, l2Normalise, type SparseVector } from "./sparse.js";

/**
 * The parts of scikit-learn's `TfidfVectorizer` the baselines use, with `use_idf=True`,
 * `smooth_idf=True` and `norm="l2"` fixed. scikit-learn reads an int `min_df`/`max_df` as a
 * document count and a float as a share of documents; the baselines give `max_df` as a share and
 * `min_df` as a count, so those are the forms taken here.
 */
export interface TfidfOptions {
  /** Text to features (`build_analyzer()`). */
  analyze: (text: string) => string[];
  /** `max_df` as a float: terms in more than this share of the documents are dropped. */
  maxDfShare: number;
  /** `min_df` as an int: terms in fewer documents than this are dropped. */
  minDfCount: number;
  /** `max_features`: keep this many of the surviving terms, most frequent over the corpus first. */
  maxFeatures?: number;
  /** `sublinear_tf`: tf = 1 + ln(count) instead of the raw count. */
  sublinearTf: boolean;
}

interface TermStats {
  df: number;
  total: number;
}

/** A fitted vectorizer: vocabulary, idf and the options it was fitted with. */
export class TfidfVectorizer {
  /** Term to column, the columns in sorted term order (`vocabulary_`). */
  readonly vocabulary: ReadonlyMap<string, number>;

  private constructor(
    private readonly terms: readonly string[],
    private readonly idf: Float64Array,
    private readonly options: TfidfOptions,
  ) {
    this.vocabulary = new Map(terms.map((term, column) => [term, column]));
  }

  /**
   * `fit_transform`: learns vocabulary and idf from `texts` and returns their unit-length rows.
   * Throws scikit-learn's own messages when the options leave no vocabulary.
   */
  static fit(
    texts: readonly string[],
    options: TfidfOptions,
  ): { vectorizer: TfidfVectorizer; rows: SparseVector[] } {
    const analyzed = texts.map((text) => options.analyze(text));
    const stats = termStats(analyzed);
    if (stats.size === 0) throw new Error("empty vocabulary; perhaps the documents only contain stop words");
    const kept = keptTerms(stats, texts.length, options);
    const n = texts.length;
    const idf = Float64Array.from(kept, (term) => Math.log((n + 1) / ((stats.get(term)?.df ?? 0) + 1)) + 1);
    const vectorizer = new TfidfVectorizer(kept, idf, options);
    return { vectorizer, rows: analyzed.map((features) => vectorizer.weigh(features)) };
  }

  /** `transform` of one text with the fitted vocabulary: a unit-length row, empty when no term is known. */
  transform(text: string): SparseVector {
    return this.weigh(this.options.analyze(text));
  }

  /** The row of `text` keyed by feature, to read what a text is made of. */
  weights(text: string): Map<string, number> {
    return new Map([...this.transform(text)].map(([term, weight]) => [this.terms[term] ?? "", weight]));
  }

  private weigh(features: readonly string[]): SparseVector {
    const row: SparseVector = new Map();
    for (const [term, count] of countFeatures(features, this.vocabulary)) {
      const tf = this.options.sublinearTf ? 1 + Math.log(count) : count;
      row.set(term, tf * (this.idf[term] ?? 0));
    }
    return l2Normalise(row);
  }
}

function termStats(analyzed: ReadonlyArray<readonly string[]>): Map<string, TermStats> {
  const stats = new Map<string, TermStats>();
  for (const features of analyzed) {
    const seen = new Set<string>();
    for (const feature of features) {
      let entry = stats.get(feature);
      if (!entry) stats.set(feature, (entry = { df: 0, total: 0 }));
      entry.total++;
      if (!seen.has(feature)) {
        seen.add(feature);
        entry.df++;
      }
    }
  }
  return stats;
}

/**
 * `_limit_features` over the vocabulary in sorted order. numpy's default argsort breaks ties in
 * corpus frequency arbitrarily at the `max_features` cut; here the alphabetically first term wins.
 */
function keptTerms(stats: ReadonlyMap<string, TermStats>, docCount: number, options: TfidfOptions): string[] {
  const maxDocCount = options.maxDfShare * docCount;
  if (maxDocCount < options.minDfCount) {
    throw new Error("max_df corresponds to < documents than min_df");
  }
  const sorted = [...stats.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let kept = sorted.filter((term) => {
    const df = stats.get(term)?.df ?? 0;
    return df <= maxDocCount && df >= options.minDfCount;
  });
  const limit = options.maxFeatures;
  if (limit !== undefined && kept.length > limit) {
    const total = (term: string) => stats.get(term)?.total ?? 0;
    const top = new Set([...kept].sort((a, b) => total(b) - total(a)).slice(0, limit));
    kept = kept.filter((term) => top.has(term));
  }
  if (kept.length === 0) {
    throw new Error("After pruning, no terms remain. Try a lower min_df or a higher max_df.");
  }
  return kept;
}
