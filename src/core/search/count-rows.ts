import type { PaperText } from "../paper.js";
import type { DocumentRows } from "./posting-lists.js";
import { type FirstSeen, RowBuilder } from "./row-builder.js";
import { countTerms } from "./term-counts.js";
import type { Vocabulary } from "./vocabulary.js";

/** Distinct terms per character of text, a little above what abstracts show, so rows rarely regrow. */
const ENTRIES_PER_CHAR = 0.125;

/** Counts papers' terms into one row each (term ids with weighted counts, first seen first). */
export class RowCounter {
  private readonly rows: RowBuilder;

  /**
   * Sized for `expectedPapers` papers, and for `expectedChars` characters: of every paper when
   * `shared`, else of the papers of one block (see RowBuilder); grows if they are more.
   */
  constructor(
    private readonly titleWeight: number,
    private readonly vocabulary: Vocabulary,
    expectedPapers: number,
    expectedChars: number,
    shared = false,
  ) {
    this.rows = new RowBuilder(expectedPapers, expectedEntries(expectedChars), shared);
  }

  /** Counts one paper into the next row, adding new terms to the vocabulary. */
  count(paper: PaperText): void {
    countTerms(paper.title, this.titleWeight, this.vocabulary, true, this.rows);
    countTerms(paper.abstract, 1, this.vocabulary, true, this.rows);
    this.rows.endRow();
  }

  /** The rows counted since the last cut, numbered from `firstDoc` (see RowBuilder.cut). */
  cut(firstDoc: number): DocumentRows {
    return this.rows.cut(firstDoc);
  }

  /** Per term id, how many of the rows counted so far hold it. */
  get frequencies(): Int32Array {
    return this.rows.counted;
  }

  /** Terms in the order first counted, with the row (from the first) each was first counted in. */
  get firstSeen(): FirstSeen {
    return this.rows.firstSeen;
  }

  /** The rows counted since the last cut, with the frequencies of all rows counted. */
  finish(firstDoc: number): DocumentRows {
    const rows = this.cut(firstDoc);
    rows.frequencies = this.frequencies;
    return rows;
  }
}

/** Row entries (distinct terms per paper, summed) to expect of texts of `chars` characters. */
export function expectedEntries(chars: number): number {
  return Math.ceil(chars * ENTRIES_PER_CHAR) + 64;
}

/**
 * Counts papers `from … to-1` into rows numbered from `from`, one block: kept where they are
 * counted (in shared memory), not copied to a buffer of their own.
 */
export function countRows(
  papers: readonly PaperText[],
  from: number,
  to: number,
  titleWeight: number,
  vocabulary: Vocabulary,
): DocumentRows {
  const counter = new RowCounter(titleWeight, vocabulary, to - from, textLength(papers, from, to), true);
  for (let i = from; i < to; i++) counter.count(papers[i] as PaperText);
  return counter.finish(from);
}

/** Characters of title and abstract of papers `from … to-1`. */
export function textLength(papers: readonly PaperText[], from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) {
    const paper = papers[i] as PaperText;
    chars += paper.title.length + paper.abstract.length;
  }
  return chars;
}
