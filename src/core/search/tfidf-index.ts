import { NO_SEARCHABLE_WORDS, prepareQuery } from "./query.js";
import { stripIntentWords } from "./intent-words.js";
import { tokenize } from "./tokenizer.js";
import { EMPTY_VECTOR, norm, type SparseVector, vectorFromMap } from "./sparse.js";
import { MAX_COUNT, packEntry } from "./term-entry.js";
import { countTerms, DEFAULT_WEIGHTING, type Feedback, TermCounter, type Weighting } from "./term-counts.js";
import { MinHeap, topCandidates } from "./top-candidates.js";
import { PaperSketches } from "./paper-sketches.js";
import { countPages, type PaperPages, pagesOf } from "./count-pages.js";
import type { IndexedPaper } from "../paper.js";
import { Vocabulary } from "./vocabulary.js";
import { type DocumentRows, PostingLists, Touched } from "./posting-lists.js";
import { countRows } from "./count-rows.js";
import { documentFrequencies, documentScales, SUBLINEAR, sublinearTf } from "./row-weights.js";
import { InvertingWorker } from "./invert-in-worker.js";
import { invertRows } from "./invert-rows.js";
import { shareOut } from "./share-out-rows.js";
import { WorkerFailed } from "./worker-script.js";

/** A paper found by a search: its id (the store holds the paper), score and matched words. */
export interface SearchHit {
  id: string;
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
  /** Keeps only the papers whose id it accepts. */
  filter?: (id: string) => boolean;
}

export interface SearchOutcome {
  results: SearchHit[];
  /** How many papers matched at all (for paging). */
  total: number;
  /** A message for the user when the query was changed or could not be searched. */
  notice?: string;
}

const DEFAULT_LIMIT = 10;
/** Below this many papers `buildFrom` counts on one thread: starting a worker costs more than it saves. */
const PARALLEL_MIN_PAPERS = 20_000;

const MAX_LIMIT = 1000;
const MAX_MATCHED_TERMS = 6;

/**
 * TF-IDF index over papers: sublinear tf, smoothed idf, title weighted above abstract, stem
 * unigrams and bigrams, pivoted length normalisation, an inverted index and heap-based top-k. It
 * keeps no paper text: a paper's id, date and scale (one over its pivoted norm), its postings
 * (term counts, weighed by each term's idf of the moment when searched), and its heaviest terms
 * (see PaperSketches).
 *
 * @example
 * const index = TfIdfIndex.build(papers);
 * index.search("few-shot learning", { limit: 5 }).results[0]?.id;
 */
export class TfIdfIndex {
  private readonly vocabulary = new Vocabulary();
  private postings = new PostingLists();
  /** Each document's paper id. */
  private readonly ids: string[] = [];
  private readonly sketches = new PaperSketches();
  private readonly docOf = new Map<string, number>();
  private alive = new Uint8Array(0);
  private publishedMs = new Float64Array(0);
  /** Per document: one over its pivoted norm, what its postings' weights are multiplied by. */
  private docScales = new Float32Array(0);
  private liveCount = 0;
  private changes = 0;
  /** Mean norm of the papers of the last bulk load: pivoted normalisation tilts around it. */
  private pivot = 0;
  private scores = new Float32Array(0);
  private marks = new Int32Array(0);
  private readonly touched = new Touched();
  private readonly counter = new TermCounter();

  private constructor(private readonly weighting: Weighting) {
    const { titleWeight } = weighting;
    if (!Number.isInteger(titleWeight) || titleWeight < 1 || titleWeight > MAX_COUNT)
      throw new RangeError(`titleWeight must be a whole number from 1 to ${MAX_COUNT}, not ${titleWeight}.`);
  }

  static build(papers: readonly IndexedPaper[], weighting: Weighting = DEFAULT_WEIGHTING): TfIdfIndex {
    const index = new TfIdfIndex(weighting);
    index.add(papers);
    return index;
  }

  /**
   * Builds the same index as `build` from papers read a page at a time (from the store), so that
   * they are never all in memory at once. On a large corpus a worker thread counts the pages this
   * one hands it while it keeps up, this one the others (and the last page), then a worker started
   * as the counting ends inverts about half the rows while this one inverts the rest. Small corpora
   * are built on this thread alone. If the counting worker fails, the pages are read again and built
   * here; if the inverting one fails, this thread inverts its rows too.
   *
   * @example
   * const index = await TfIdfIndex.buildFrom({ expected: await papers.count(), read: () => papers.indexedPages(1000) });
   */
  static async buildFrom(
    pages: PaperPages,
    weighting: Weighting = DEFAULT_WEIGHTING,
    minPapers = PARALLEL_MIN_PAPERS,
  ): Promise<TfIdfIndex> {
    const parallel = pages.expected >= Math.max(2, minPapers);
    const index = new TfIdfIndex(weighting);
    index.reserve(pages.expected);
    let helper: InvertingWorker | undefined;
    // Started once every page is read: it loads while the counting threads' rows are merged.
    const startHelper = () => {
      if (parallel) helper = new InvertingWorker();
    };
    try {
      const register = (page: readonly IndexedPaper[]) => index.registerAll(page);
      const blocks = await countPages(
        pages,
        weighting.titleWeight,
        index.vocabulary,
        parallel,
        register,
        startHelper,
      );
      if (helper?.started && blocks.length > 1) {
        await index.invertInParallel(blocks, index.ids.length, helper);
      } else {
        helper?.stop();
        index.invert(blocks, index.ids.length);
      }
    } catch (error) {
      // A worker left waiting for its rows would keep the process alive.
      helper?.stop();
      if (!(error instanceof WorkerFailed)) throw error;
      return TfIdfIndex.buildFrom(pages, weighting, Number.POSITIVE_INFINITY);
    }
    return index;
  }

  /** `buildFrom` over papers already in memory (evaluation, tests, the CLI's corpus files). */
  static buildAsync(
    papers: readonly IndexedPaper[],
    weighting: Weighting = DEFAULT_WEIGHTING,
    minPapers = PARALLEL_MIN_PAPERS,
  ): Promise<TfIdfIndex> {
    return TfIdfIndex.buildFrom(pagesOf(papers), weighting, minPapers);
  }

  /** Papers currently searchable. */
  get size(): number {
    return this.liveCount;
  }

  /**
   * Grows with every add or remove, replacements included (which leave `size` unchanged): caches
   * of vectors derived from this index compare it to know when to recompute.
   */
  get generation(): number {
    return this.changes;
  }

  /** Whether the paper is searchable. */
  has(id: string): boolean {
    return this.docOf.has(id);
  }

  /**
   * Adds papers, or replaces a stored paper with the same id. New papers are searchable at once;
   * their norms use the idf of the moment (older papers keep theirs until the next build).
   */
  add(papers: readonly IndexedPaper[]): void {
    if (papers.length === 0) return;
    this.changes++;
    this.reserve(this.ids.length + papers.length);
    if (this.ids.length === 0) {
      this.bulkLoad(papers);
      return;
    }
    const batch: Array<{ doc: number; counts: Map<number, number> }> = [];
    // Counted first, weighed after: the batch's own document frequencies count in its idf.
    for (const paper of papers) {
      this.remove(paper.id);
      const doc = this.ids.length;
      this.register(paper, doc);
      const counts = this.countPaper(paper, true).toMap();
      for (const id of counts.keys()) this.vocabulary.addDocumentFrequency(id, 1);
      batch.push({ doc, counts });
    }
    for (const { doc, counts } of batch) {
      this.counter.clear();
      for (const [id, count] of counts) this.counter.add(id, count);
      const weighed = this.weigh(this.counter, false);
      const entries = Uint32Array.from(weighed.ids, (id) => packEntry(id, this.counter.countOf(id)));
      this.sketches.setRow(doc, entries, Float64Array.from(weighed.weights));
      this.docScales[doc] = 1 / this.pivotedNorm(norm(weighed));
      this.postings.append(doc, entries);
    }
    this.postings.settle();
  }

  /** A fresh index: count every paper into flat rows, then weigh them with the final idf and invert once. */
  private bulkLoad(papers: readonly IndexedPaper[]): void {
    this.load(papers, [countRows(papers, 0, papers.length, this.weighting.titleWeight, this.vocabulary)]);
  }

  /** Registers the papers counted in `blocks` (rows in paper order), weighs the rows and inverts them. */
  private load(papers: readonly IndexedPaper[], blocks: readonly DocumentRows[]): void {
    this.registerAll(papers);
    this.invert(blocks, papers.length);
  }

  /** Weighs the rows of the `docCount` registered papers and inverts them. */
  private invert(blocks: readonly DocumentRows[], docCount: number): void {
    const posted = this.takeFrequencies(blocks);
    const norms = new Float64Array(docCount);
    const { alive, sketches } = this;
    const block = invertRows({
      blocks,
      termWeights: this.termWeights(),
      norms,
      sketches: sketches.slots,
      posted,
      alive,
      // Every row is inverted here: the terms' frequencies are their postings.
      postingCounts: posted,
      release: true,
    });
    this.scaleBy(norms);
    this.postings = PostingLists.fromBlocks([block], docCount);
  }

  /**
   * Like `invert` on two threads: a worker thread (`helper`, started already) inverts about half
   * the rows (in shared memory) into a posting block of their own while this thread inverts the
   * others, each share's postings known from the blocks' frequencies (see shareOut); if the worker
   * fails, this thread inverts its half too.
   */
  private async invertInParallel(
    blocks: readonly DocumentRows[],
    docCount: number,
    helper: InvertingWorker,
  ): Promise<void> {
    const posted = this.takeFrequencies(blocks);
    const { alive } = this;
    const norms = new Float64Array(new SharedArrayBuffer(docCount * Float64Array.BYTES_PER_ELEMENT));
    const common = { termWeights: this.termWeights(), norms, sketches: this.sketches.slots, alive, posted };
    const { theirs, mine, theirPostings, myPostings } = shareOut(blocks, posted, alive);
    const inverted = helper.invert({ ...common, blocks: theirs, postingCounts: theirPostings });
    const own = invertRows({ ...common, blocks: mine, postingCounts: myPostings, release: true });
    // A failed worker wrote nothing but norms and sketches, which inverting again writes alike.
    const other = (await inverted) ?? invertRows({ ...common, blocks: theirs, postingCounts: theirPostings });
    this.scaleBy(norms);
    const blockOf = new Uint8Array(docCount);
    for (const rows of theirs) blockOf.fill(1, rows.firstDoc, rows.firstDoc + rows.count);
    this.postings = PostingLists.fromBlocks([own, other], docCount, blockOf);
  }

  private registerAll(papers: readonly IndexedPaper[]): void {
    this.reserve(this.ids.length + papers.length);
    for (const paper of papers) {
      if (this.docOf.has(paper.id)) this.forget(paper.id);
      this.register(paper, this.ids.length);
    }
  }

  /** Takes in the document frequencies of the searchable papers of `blocks`; returns each term's posting count. */
  private takeFrequencies(blocks: readonly DocumentRows[]): Int32Array {
    const frequencies = documentFrequencies(blocks, this.alive, this.vocabulary.size);
    this.vocabulary.addDocumentFrequencies(frequencies);
    // A term's posting count is the number of searchable papers holding it, or 0 if left out.
    for (let term = 0; term < frequencies.length; term++) if (!this.isPostable(term)) frequencies[term] = 0;
    return frequencies;
  }

  /** Scales the documents of these norms pivoted around their mean (which is kept for later additions). */
  private scaleBy(norms: Float64Array): void {
    const { scales, pivot } = documentScales(norms, this.alive, this.weighting.pivotSlope ?? 1);
    this.pivot = pivot;
    this.docScales.set(scales);
  }

  /** Each term's idf times its kind's weight (bigrams count `bigramWeight` times a word). */
  private termWeights(): Float32Array {
    const weights = new Float32Array(this.vocabulary.size);
    for (let term = 0; term < weights.length; term++) weights[term] = this.termWeight(term);
    return weights;
  }

  private termWeight(term: number): number {
    const phrase = this.vocabulary.isBigram(term) ? this.weighting.bigramWeight : 1;
    return this.idf(term) * phrase;
  }

  /**
   * A bigram found in a single paper only ever lifts that paper, which its two words already find:
   * leaving it out of the inverted index (it still counts in the paper's norm) saves a third of it.
   */
  private isPostable(term: number): boolean {
    return !this.vocabulary.isBigram(term) || this.vocabulary.documentFrequency(term) > 1;
  }

  private register(paper: IndexedPaper, doc: number): void {
    this.ids.push(paper.id);
    this.docOf.set(paper.id, doc);
    this.alive[doc] = 1;
    this.publishedMs[doc] = paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN;
    this.liveCount++;
  }

  /**
   * Takes a paper out of search results. Its postings stay until the next build and are skipped,
   * and so do its terms' document frequencies: the index keeps no text to recount them from. A
   * paper added again counts once more in them each time, until the next build: add again only
   * papers whose text changed (see sameIndexedText).
   */
  remove(id: string): boolean {
    if (this.forget(id) === undefined) return false;
    this.changes++;
    return true;
  }

  /** Marks a paper's document as gone (its term counts untouched) and returns its number. */
  private forget(id: string): number | undefined {
    const doc = this.docOf.get(id);
    if (doc === undefined) return undefined;
    this.docOf.delete(id);
    this.alive[doc] = 0;
    this.liveCount--;
    return doc;
  }

  /** Ranks papers against a free-text query. Never throws on user input: problems come back as `notice`. */
  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const prepared = prepareQuery(query);
    if (prepared.text.length === 0) return { results: [], total: 0, notice: prepared.notice };
    const vector = this.vectorize(stripIntentWords(prepared.text));
    if (vector.ids.length === 0) {
      // Words the corpus does not know simply match nothing; only a query without words gets advice.
      const notice =
        prepared.notice ?? (tokenize(prepared.text).length === 0 ? NO_SEARCHABLE_WORDS : undefined);
      return notice ? { results: [], total: 0, notice } : { results: [], total: 0 };
    }
    const outcome = this.rankWith(vector, options, this.weighting.feedback);
    return prepared.notice ? { ...outcome, notice: prepared.notice } : outcome;
  }

  /** Ranks papers by cosine similarity to a vector (a query, a profile, a paper). */
  rank(vector: SparseVector, options: SearchOptions = {}): SearchOutcome {
    return this.rankWith(vector, options, undefined);
  }

  private rankWith(
    vector: SparseVector,
    options: SearchOptions,
    feedback: Feedback | undefined,
  ): SearchOutcome {
    const limit = clamp(options.limit ?? DEFAULT_LIMIT, 0, MAX_LIMIT);
    const offset = clamp(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const touched = this.accumulate(vector);
    const scores = this.scores;
    const useFeedback = feedback !== undefined && feedback.docs > 0 && feedback.weight > 0;
    const depth = useFeedback ? Math.max(offset + limit, feedback.rerankDepth) : offset + limit;
    const top = topCandidates(touched.ids, touched.length, scores, depth, {
      alive: this.alive,
      publishedMs: this.publishedMs,
      ids: this.ids,
      sinceMs: options.since?.getTime(),
      filter: options.filter,
    });
    let best = top.best;
    if (useFeedback)
      best = [
        ...this.rerank(best.slice(0, feedback.rerankDepth), feedback),
        ...best.slice(feedback.rerankDepth),
      ];
    const results = best.slice(offset, offset + limit).map((doc) => this.scored(doc, vector));
    for (let i = 0; i < touched.length; i++) scores[touched.ids[i] as number] = 0;
    return { results, total: top.total };
  }

  /**
   * Rocchio pseudo-relevance feedback, applied to the first-pass candidates: each is re-scored
   * against a mix of the query and the heaviest terms of the best few hits, which lifts papers
   * that say the same thing in other words. Rewrites `this.scores` of the candidates.
   */
  private rerank(candidates: number[], feedback: Feedback): number[] {
    const expansion = this.expansionTerms(candidates.slice(0, feedback.docs), feedback.terms);
    const scores = this.scores;
    const extra = this.postings.scoreCandidates(
      expansion.ids,
      this.byTermWeight(expansion),
      candidates,
      this.marks,
    );
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i] as number;
      const expanded = (extra[i] as number) * (this.docScales[doc] as number);
      scores[doc] = (1 - feedback.weight) * (scores[doc] as number) + feedback.weight * expanded;
    }
    return candidates.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  }

  /** The normalised centroid of some papers' sketches, cut to its `count` heaviest terms. */
  private expansionTerms(docs: readonly number[], count: number): SparseVector {
    const vectors = docs.map((doc) => this.sketches.get(doc, this.entryWeight));
    // Summed in the scratch counter, which keeps first-seen order: ties between equal sums go to the
    // term seen first, as a stable sort of the sums would have it.
    const centroid = this.counter;
    centroid.clear();
    for (const vector of vectors) {
      for (let i = 0; i < vector.ids.length; i++)
        centroid.add(vector.ids[i] as number, vector.weights[i] as number);
    }
    const terms = centroid.terms;
    const heaviest = new MinHeap(count);
    for (let i = 0; i < terms.length; i++) heaviest.offer(i, centroid.countOf(terms[i] as number));
    const kept = new Map<number, number>();
    for (const i of heaviest.drain()) kept.set(terms[i] as number, centroid.countOf(terms[i] as number));
    return vectorFromMap(kept);
  }

  /** The TF-IDF vector of any text, weighted like an abstract; words unknown to the corpus are dropped. */
  vectorize(text: string): SparseVector {
    this.counter.clear();
    countTerms(text, 1, this.vocabulary, false, this.counter);
    return this.weigh(this.counter);
  }

  /**
   * The heaviest terms of an indexed paper's vector, weighted as in the full vector (see
   * PaperSketches): its topic, e.g. for a liked paper's share of a profile. Undefined when the
   * paper is not searchable.
   */
  sketchOf(id: string): SparseVector | undefined {
    const doc = this.docOf.get(id);
    return doc === undefined ? undefined : this.sketches.get(doc, this.entryWeight);
  }

  /** The vector of a paper that need not be indexed (an imported one): title and abstract weighted as indexed. */
  vectorOfText(paper: { title: string; abstract?: string }): SparseVector {
    return this.weigh(this.countPaper({ title: paper.title, abstract: paper.abstract ?? "" }, false));
  }

  /** Readable labels of term ids, e.g. for explaining a match. */
  labels(ids: readonly number[]): string[] {
    return ids.map((id) => this.vocabulary.label(id));
  }

  /** Counts a paper's terms into the shared scratch counter (cleared first). */
  private countPaper(paper: { title: string; abstract: string }, create: boolean): TermCounter {
    const counter = this.counter;
    counter.clear();
    countTerms(paper.title, this.weighting.titleWeight, this.vocabulary, create, counter);
    countTerms(paper.abstract, 1, this.vocabulary, create, counter);
    return counter;
  }

  private idf(id: number): number {
    return Math.log((1 + this.liveCount) / (1 + this.vocabulary.documentFrequency(id))) + 1;
  }

  /** Sublinear tf times term weight, ids ascending, zeros dropped; as `vectorFromMap` would weigh them. */
  private weigh(counter: TermCounter, normalise = true): SparseVector {
    if (counter.size === 0) return EMPTY_VECTOR;
    const sorted = Int32Array.from(counter.terms).sort();
    const ids = new Int32Array(sorted.length);
    const weights = new Float32Array(sorted.length);
    let kept = 0;
    let squares = 0;
    for (let i = 0; i < sorted.length; i++) {
      const id = sorted[i] as number;
      const weight = sublinearTf(counter.countOf(id)) * this.termWeight(id);
      if (weight === 0) continue;
      ids[kept] = id;
      weights[kept++] = weight;
      squares += weight * weight;
    }
    if (normalise && squares > 0) {
      const length = Math.sqrt(squares);
      for (let i = 0; i < kept; i++) weights[i] = (weights[i] as number) / length;
    }
    return { ids: ids.subarray(0, kept), weights: weights.subarray(0, kept) };
  }

  /** What a paper vector of this length is divided by: its norm pivoted around the last build's mean, as there. */
  private pivotedNorm(length: number): number {
    const slope = this.weighting.pivotSlope ?? 1;
    const safe = length || 1;
    return this.pivot > 0 ? (1 - slope) * this.pivot + slope * safe : safe;
  }

  /** A term's weight in a paper where it occurs `count` times, before the paper's scale. */
  private readonly entryWeight = (term: number, count: number): number =>
    (SUBLINEAR[count] as number) * this.termWeight(term);

  /** A vector's weights times their terms' weights: what the postings' sublinear counts are multiplied by. */
  private byTermWeight(vector: SparseVector): Float32Array {
    return vector.weights.map((weight, i) => weight * this.termWeight(vector.ids[i] as number));
  }

  /** Each paper's score against the vector, in `this.scores`, and the papers scored. */
  private accumulate(vector: SparseVector): Touched {
    const touched = this.touched;
    touched.length = 0;
    const weights = this.byTermWeight(vector);
    for (let i = 0; i < vector.ids.length; i++) {
      this.postings.accumulate(vector.ids[i] as number, weights[i] as number, this.scores, touched);
    }
    const { scores, docScales } = this;
    for (let i = 0; i < touched.length; i++) {
      const doc = touched.ids[i] as number;
      scores[doc] = (scores[doc] as number) * (docScales[doc] as number);
    }
    return touched;
  }

  private scored(doc: number, vector: SparseVector): SearchHit {
    const contributions: Array<[number, number]> = [];
    for (let i = 0; i < vector.ids.length; i++) {
      const term = vector.ids[i] ?? 0;
      const count = this.postings.countOf(term, doc);
      const weight = this.entryWeight(term, count) * (this.docScales[doc] as number);
      if (weight > 0) contributions.push([term, weight * (vector.weights[i] ?? 0)]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    const matched = contributions.slice(0, MAX_MATCHED_TERMS).map(([term]) => this.vocabulary.label(term));
    return { id: this.ids[doc] as string, score: Math.min(1, this.scores[doc] ?? 0), matched };
  }

  private reserve(capacity: number): void {
    if (capacity <= this.alive.length) return;
    // By a quarter, not doubled: a day's papers should not double the sketches' memory.
    const size = Math.max(capacity, Math.ceil(this.alive.length * 1.25), 16);
    this.sketches.reserve(size);
    this.alive = grow(this.alive, new Uint8Array(size));
    this.publishedMs = grow(this.publishedMs, new Float64Array(size));
    this.docScales = grow(this.docScales, new Float32Array(size));
    this.scores = new Float32Array(size);
    this.marks = new Int32Array(size);
  }
}

function grow<T extends Uint8Array | Float32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}
