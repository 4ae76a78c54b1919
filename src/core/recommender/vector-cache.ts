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
  readonly #papers = new Map<string, SparseVector | null>();
  readonly #sketches = new Map<string, SparseVector | null>();
  /** The stored paper each cached vector was computed from: a replaced paper is a new object. */
  readonly #sources = new Map<string, Paper | undefined>();
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

  /** The stored paper's vector, or undefined when the index does not hold it. */
  paper(id: string): SparseVector | undefined {
    this.#checkIndex();
    let vector = this.#papers.get(id);
    if (vector === undefined) {
      if (this.#papers.size >= MAX_PAPERS) {
        this.#papers.clear();
        this.#sources.clear();
      }
      vector = this.index.vectorOf(id) ?? null;
      this.#papers.set(id, vector);
      this.#sources.set(id, this.index.get(id));
    }
    return vector ?? undefined;
  }

  /** The paper's heaviest terms (see FEEDBACK_SKETCH_TERMS), for feedback centroids. */
  paperSketch(id: string): SparseVector | undefined {
    let sketch = this.#sketches.get(id);
    if (sketch === undefined) {
      if (this.#sketches.size >= MAX_PAPERS) this.#sketches.clear();
      const vector = this.paper(id);
      sketch = vector ? truncateVector(vector, FEEDBACK_SKETCH_TERMS) : null;
      this.#sketches.set(id, sketch);
    }
    return sketch ?? undefined;
  }

  #checkIndex(): void {
    if (this.index.generation === this.#indexGeneration) return;
    this.#indexGeneration = this.index.generation;
    this.#phrases.clear();
    for (const [id, source] of this.#sources) {
      if (this.index.get(id) === source) continue;
      this.#papers.delete(id);
      this.#sketches.delete(id);
      this.#sources.delete(id);
    }
  }
}
