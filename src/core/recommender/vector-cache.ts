import type { Paper } from "../paper.js";
import type { SparseVector } from "../search/sparse.js";
import type { TfIdfIndex } from "../search/tfidf-index.js";
import { truncateVector } from "./truncate.js";

const MAX_PHRASES = 50_000;
const MAX_PAPERS = 200_000;
/** Terms a liked or disliked paper brings to its profile's centroid. */
const FEEDBACK_SKETCH_TERMS = 40;

/**
 * Remembers the vectors of papers and interest phrases, so a run over thousands of profiles
 * tokenizes each text once. When the index changes, phrase vectors are recomputed (a word unknown
 * yesterday may be known today) while paper vectors are kept unless the paper itself was replaced
 * (a merge can bring a fuller abstract): tokenizing a paper is what costs, and the idf drift of one
 * day's papers barely moves a stored paper's vector.
 */
export class VectorCache {
  readonly #phrases = new Map<string, SparseVector>();
  readonly #papers = new Map<string, SparseVector>();
  readonly #sketches = new Map<string, SparseVector | null>();
  /** The stored paper each cached vector was computed from: a replaced paper is a new object. */
  readonly #sources = new Map<string, Paper>();
  #indexGeneration: number;

  constructor(readonly index: TfIdfIndex) {
    this.#indexGeneration = index.generation;
  }

  phrase(text: string): SparseVector {
    this.#checkIndex();
    const key = text.toLowerCase();
    let vector = this.#phrases.get(key);
    if (!vector) {
      if (this.#phrases.size >= MAX_PHRASES) this.#phrases.clear();
      vector = this.index.vectorize(text);
      this.#phrases.set(key, vector);
    }
    return vector;
  }

  /** The vector of a paper the index need not hold (an imported one); words it does not know are dropped. */
  text(paper: { title: string; abstract?: string }): SparseVector {
    return this.index.vectorOfText(paper);
  }

  /** The paper's full vector, or undefined when the index does not hold it (computed once per stored version). */
  paper(paper: Paper): SparseVector | undefined {
    this.#checkIndex();
    if (!this.index.has(paper.id)) return undefined;
    let vector = this.#papers.get(paper.id);
    if (vector === undefined || this.#sources.get(paper.id) !== paper) {
      if (this.#papers.size >= MAX_PAPERS) {
        this.#papers.clear();
        this.#sources.clear();
      }
      vector = this.index.vectorOfText(paper);
      this.#papers.set(paper.id, vector);
      this.#sources.set(paper.id, paper);
    }
    return vector;
  }

  /** The paper's heaviest terms (see FEEDBACK_SKETCH_TERMS), for feedback centroids; undefined when not indexed. */
  paperSketch(id: string): SparseVector | undefined {
    this.#checkIndex();
    let sketch = this.#sketches.get(id);
    if (sketch === undefined) {
      if (this.#sketches.size >= MAX_PAPERS) this.#sketches.clear();
      const stored = this.index.sketchOf(id);
      sketch = stored ? truncateVector(stored, FEEDBACK_SKETCH_TERMS) : null;
      this.#sketches.set(id, sketch);
    }
    return sketch ?? undefined;
  }

  #checkIndex(): void {
    if (this.index.generation === this.#indexGeneration) return;
    this.#indexGeneration = this.index.generation;
    this.#phrases.clear();
    // A replaced paper has a new sketch; papers' full vectors are checked against their source instead.
    this.#sketches.clear();
  }
}
