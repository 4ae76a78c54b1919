import type { Paper } from "../paper.js";
import { SeenMarks } from "./top-candidates.js";

/** Characters of an id's start that its prefix mark looks at ("2606." for arXiv ids of June 2026). */
const PREFIX_CHARS = 5;
const PREFIX_MARKS = 4096;

/**
 * Which candidates of a pool one request may pick: not sent to the target yet, not judged by it,
 * and published since the window start (undated papers always count). One per pool, set up anew
 * for each request with marks that a new stamp clears, so thousands of requests allocate nothing.
 *
 * A target's sent history only grows, while a pool holds a week of papers: most sent ids name papers
 * announced in earlier months, which an arXiv id says in its first characters. The pool marks the
 * prefixes (and lengths) of its ids, and only a sent id with a marked prefix is looked up.
 */
export class Eligibility {
  readonly #excluded: SeenMarks;
  readonly #publishedMs: Float64Array;
  readonly #prefixes = new Uint8Array(PREFIX_MARKS);
  #sinceMs = 0;

  constructor(
    papers: readonly Paper[],
    private readonly docOf: ReadonlyMap<string, number>,
  ) {
    this.#excluded = new SeenMarks(papers.length);
    this.#publishedMs = Float64Array.from(papers, (paper) =>
      paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN,
    );
    for (const paper of papers) this.#prefixes[prefixMark(paper.id)] = 1;
  }

  /** Whether candidate `doc` may be picked, for the request of the last `prepare`. */
  readonly test = (doc: number): boolean => {
    const published = this.#publishedMs[doc] as number;
    return !this.#excluded.has(doc) && (Number.isNaN(published) || published >= this.#sinceMs);
  };

  /** Sets `test` up for one request; it answers for that request until the next call. */
  prepare(sent: readonly string[], judged: ReadonlySet<string>, sinceMs: number): (doc: number) => boolean {
    this.#excluded.next();
    this.#sinceMs = sinceMs;
    for (let i = 0; i < sent.length; i++) this.#exclude(sent[i] as string);
    for (const id of judged) this.#exclude(id);
    return this.test;
  }

  /** How many candidates `test` accepts, for the request of the last `prepare`. */
  count(): number {
    let accepted = 0;
    for (let doc = 0; doc < this.#publishedMs.length; doc++) if (this.test(doc)) accepted++;
    return accepted;
  }

  /** Leaves `docs` out of the request of the last `prepare` too (muted, outside the categories). */
  excludeDocs(docs: Int32Array): void {
    for (let i = 0; i < docs.length; i++) this.#excluded.mark(docs[i] as number);
  }

  #exclude(id: string): void {
    if (this.#prefixes[prefixMark(id)] === 0) return; // no candidate's id starts like this
    const doc = this.docOf.get(id);
    if (doc !== undefined) this.#excluded.mark(doc);
  }
}

/** A number below PREFIX_MARKS made of the id's length and first characters: equal ids, equal marks. */
function prefixMark(id: string): number {
  let mark = id.length;
  const end = Math.min(id.length, PREFIX_CHARS);
  for (let i = 0; i < end; i++) mark = (Math.imul(mark, 31) + id.charCodeAt(i)) | 0;
  return (mark >>> 0) % PREFIX_MARKS;
}
