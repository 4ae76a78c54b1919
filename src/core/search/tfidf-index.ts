import type { Paper } from "../paper.js";
import { NO_SEARCHABLE_WORDS, prepareQuery } from "./query.js";
import { EMPTY_VECTOR, type SparseVector, vectorFromMap } from "./sparse.js";
import { countTerms, DEFAULT_WEIGHTING, TermCounter, type Weighting } from "./term-counts.js";
import { topK } from "./top-k.js";
import { Vocabulary } from "./vocabulary.js";
import { type DocumentRows, PostingLists, Touched } from "./posting-lists.js";
import { RowBuilder } from "./row-builder.js";

export interface ScoredPaper {
  paper: Paper;
  /** Cosine similarity between the query (or profile) and the paper, in [0, 1]. */
  score: number;
  /** The query's words found in the paper, most telling first, as written in the corpus. */
  matched: string[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Only papers published at or after this instant (papers without a date are left out). */
  since?: Date;
  filter?: (paper: Paper) => boolean;
}

export interface SearchOutcome {
  results: ScoredPaper[];
  /** How many papers matched at all (for paging). */
  total: number;
  /** A message for the user when the query was changed or could not be searched. */
  notice?: string;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;
const MAX_MATCHED_TERMS = 6;

/**
 * TF-IDF index over papers: sublinear tf, smoothed idf, title weighted above abstract, stem
 * unigrams and bigrams, L2-normalised vectors, an inverted index and heap-based top-k.
 *
 * @example
 * const index = TfIdfIndex.build(papers);
 * index.search("few-shot learning", { limit: 5 }).results[0]?.paper.title;
 */
export class TfIdfIndex {
  private readonly vocabulary = new Vocabulary();
  private postings = new PostingLists();
  private readonly papers: Paper[] = [];
  private readonly docOf = new Map<string, number>();
  private alive = new Uint8Array(0);
  private publishedMs = new Float64Array(0);
  private liveCount = 0;
  private scores = new Float32Array(0);
  private readonly touched = new Touched();
  private readonly counter = new TermCounter();

  private constructor(private readonly weighting: Weighting) {}

  static build(papers: readonly Paper[], weighting: Weighting = DEFAULT_WEIGHTING): TfIdfIndex {
    const index = new TfIdfIndex(weighting);
    index.add(papers);
    return index;
  }

  /** Papers currently searchable. */
  get size(): number {
    return this.liveCount;
  }

  get(id: string): Paper | undefined {
    const doc = this.docOf.get(id);
    return doc === undefined ? undefined : this.papers[doc];
  }

  /**
   * Adds papers, or replaces a stored paper with the same id. New papers are searchable at once;
   * their weights use the idf of the moment (older postings keep theirs until the next build).
   */
  add(papers: readonly Paper[]): void {
    this.reserve(this.papers.length + papers.length);
    if (this.papers.length === 0) {
      this.bulkLoad(papers);
      return;
    }
    const batch: Array<{ doc: number; counts: Map<number, number> }> = [];
    // Counted first, weighed after: the batch's own document frequencies count in its idf.
    for (const paper of papers) {
      this.remove(paper.id);
      const doc = this.papers.length;
      this.register(paper, doc);
      const counts = this.countPaper(paper, true).toMap();
      for (const id of counts.keys()) this.vocabulary.addDocumentFrequency(id, 1);
      batch.push({ doc, counts });
    }
    for (const { doc, counts } of batch) {
      this.counter.clear();
      for (const [id, count] of counts) this.counter.add(id, count);
      const vector = this.weigh(this.counter);
      this.postings.append(doc, vector.ids, vector.weights);
    }
    this.postings.settle();
  }

  /** A fresh index: count every paper into flat rows, then weigh them with the final idf and invert once. */
  private bulkLoad(papers: readonly Paper[]): void {
    const rows = new RowBuilder(papers.length);
    for (const paper of papers) {
      if (this.docOf.has(paper.id)) this.remove(paper.id);
      const doc = this.papers.length;
      this.register(paper, doc);
      this.countPaper(paper, true).forEach((id, count) => {
        this.vocabulary.addDocumentFrequency(id, 1);
        rows.push(id, count);
      });
      rows.endRow();
    }
    const built = rows.finish();
    for (let doc = 0; doc < built.count; doc++) this.weighRow(built, doc);
    this.postings = PostingLists.fromRows(built, this.vocabulary.size);
  }

  private weighRow(rows: DocumentRows, doc: number): void {
    const start = rows.start[doc] ?? 0;
    const end = rows.start[doc + 1] ?? 0;
    let squares = 0;
    for (let p = start; p < end; p++) {
      const term = rows.terms[p] ?? 0;
      const phrase = this.vocabulary.isBigram(term) ? this.weighting.bigramWeight : 1;
      const weight = (1 + Math.log(rows.weights[p] ?? 1)) * this.idf(term) * phrase;
      rows.weights[p] = weight;
      squares += weight * weight;
    }
    const norm = Math.sqrt(squares) || 1;
    for (let p = start; p < end; p++) rows.weights[p] = (rows.weights[p] ?? 0) / norm;
  }

  private register(paper: Paper, doc: number): void {
    this.papers.push(paper);
    this.docOf.set(paper.id, doc);
    this.alive[doc] = 1;
    this.publishedMs[doc] = paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN;
    this.liveCount++;
  }

  /** Takes a paper out of search results. Its postings stay until the next build and are skipped. */
  remove(id: string): boolean {
    const doc = this.docOf.get(id);
    if (doc === undefined) return false;
    this.docOf.delete(id);
    this.alive[doc] = 0;
    this.liveCount--;
    const paper = this.papers[doc];
    if (paper)
      this.countPaper(paper, false).forEach((term) => this.vocabulary.addDocumentFrequency(term, -1));
    return true;
  }

  /** Ranks papers against a free-text query. Never throws on user input: problems come back as `notice`. */
  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const prepared = prepareQuery(query);
    if (prepared.text.length === 0) return { results: [], total: 0, notice: prepared.notice };
    const vector = this.vectorize(prepared.text);
    if (vector.ids.length === 0) {
      return { results: [], total: 0, notice: prepared.notice ?? NO_SEARCHABLE_WORDS };
    }
    const outcome = this.rank(vector, options);
    return prepared.notice ? { ...outcome, notice: prepared.notice } : outcome;
  }

  /** Ranks papers by cosine similarity to a vector (a query, a profile, a paper). */
  rank(vector: SparseVector, options: SearchOptions = {}): SearchOutcome {
    const limit = clamp(options.limit ?? DEFAULT_LIMIT, 0, MAX_LIMIT);
    const offset = clamp(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const touched = this.accumulate(vector);
    const eligible = this.eligible(touched, options);
    const scores = this.scores;
    const best = topK(eligible, offset + limit, (doc) => scores[doc] as number).slice(offset);
    const results = best.map((doc) => this.scored(doc, vector));
    for (let i = 0; i < touched.length; i++) scores[touched.ids[i] as number] = 0;
    return { results, total: eligible.length };
  }

  /** The TF-IDF vector of any text, weighted like an abstract; words unknown to the corpus are dropped. */
  vectorize(text: string): SparseVector {
    this.counter.clear();
    countTerms(text, 1, this.vocabulary, false, this.counter);
    return this.weigh(this.counter);
  }

  /** The TF-IDF vector of a stored paper (title and abstract, weighted as indexed). */
  vectorOf(id: string): SparseVector | undefined {
    const paper = this.get(id);
    return paper ? this.weigh(this.countPaper(paper, false)) : undefined;
  }

  /** Readable labels of term ids, e.g. for explaining a match. */
  labels(ids: readonly number[]): string[] {
    return ids.map((id) => this.vocabulary.label(id));
  }

  /** Counts a paper's terms into the shared scratch counter (cleared first). */
  private countPaper(paper: Paper, create: boolean): TermCounter {
    const counter = this.counter;
    counter.clear();
    countTerms(paper.title, this.weighting.titleWeight, this.vocabulary, create, counter);
    countTerms(paper.abstract, 1, this.vocabulary, create, counter);
    return counter;
  }

  private idf(id: number): number {
    return Math.log((1 + this.liveCount) / (1 + this.vocabulary.documentFrequency(id))) + 1;
  }

  private weigh(counter: TermCounter): SparseVector {
    if (counter.size === 0) return EMPTY_VECTOR;
    const weights = new Map<number, number>();
    counter.forEach((id, count) => {
      const phrase = this.vocabulary.isBigram(id) ? this.weighting.bigramWeight : 1;
      weights.set(id, (1 + Math.log(count)) * this.idf(id) * phrase);
    });
    return vectorFromMap(weights);
  }

  private accumulate(vector: SparseVector): Touched {
    const touched = this.touched;
    touched.length = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      this.postings.accumulate(vector.ids[i] as number, vector.weights[i] as number, this.scores, touched);
    }
    return touched;
  }

  private eligible(touched: Touched, options: SearchOptions): Int32Array {
    const sinceMs = options.since?.getTime();
    const { filter } = options;
    const kept = new Int32Array(touched.length);
    let count = 0;
    for (let i = 0; i < touched.length; i++) {
      const doc = touched.ids[i] as number;
      if (this.alive[doc] !== 1 || (this.scores[doc] as number) <= 0) continue;
      if (sinceMs !== undefined && !((this.publishedMs[doc] as number) >= sinceMs)) continue;
      if (filter && !filter(this.papers[doc] as Paper)) continue;
      kept[count++] = doc;
    }
    return kept.subarray(0, count);
  }

  private scored(doc: number, vector: SparseVector): ScoredPaper {
    const contributions: Array<[number, number]> = [];
    for (let i = 0; i < vector.ids.length; i++) {
      const term = vector.ids[i] ?? 0;
      const weight = this.postings.weightOf(term, doc);
      if (weight > 0) contributions.push([term, weight * (vector.weights[i] ?? 0)]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    const matched = contributions.slice(0, MAX_MATCHED_TERMS).map(([term]) => this.vocabulary.label(term));
    return { paper: this.papers[doc] as Paper, score: Math.min(1, this.scores[doc] ?? 0), matched };
  }

  private reserve(capacity: number): void {
    if (capacity <= this.alive.length) return;
    const size = Math.max(capacity, this.alive.length * 2, 16);
    this.alive = grow(this.alive, new Uint8Array(size));
    this.publishedMs = grow(this.publishedMs, new Float64Array(size));
    this.scores = new Float32Array(size);
  }
}

function grow<T extends Uint8Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}
