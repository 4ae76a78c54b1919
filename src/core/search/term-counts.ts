import { foldText, isPhraseBreak, isWordCodePoint } from "./tokenizer.js";
import { HASH_SEED, HASH_SEED2, hashStep, hashStep2 } from "./word-table.js";
import type { Vocabulary } from "./vocabulary.js";

export interface Weighting {
  /** How much a word in the title counts against one in the abstract. */
  titleWeight: number;
  /** Multiplier on the final weight of a bigram term. */
  bigramWeight: number;
  feedback?: Feedback;
  /** Pivoted length normalisation slope for indexed papers (1 = plain cosine). */
  pivotSlope?: number;
}

/** The settings that scored best on the ICLR keyword protocol (see scripts/eval). */
export const DEFAULT_WEIGHTING: Weighting = {
  titleWeight: 3,
  bigramWeight: 1,
  pivotSlope: 0.8,
  feedback: { docs: 5, terms: 50, weight: 0.3, rerankDepth: 100 },
};

/** Pseudo-relevance feedback (Rocchio): the query is expanded with the terms of its best hits. */
export interface Feedback {
  /** How many of the first results feed the expansion (0 = off). */
  docs: number;
  /** How many of their heaviest terms are added. */
  terms: number;
  /** Share of the final score that comes from those terms, in [0, 1). */
  weight: number;
  /** How many first-pass results are re-scored (the rest keep their order below them). */
  rerankDepth: number;
}

/** Where counted terms go: a scratch counter for one text, or the row of a document being indexed. */
export interface TermSink {
  add(term: number, weight: number): void;
}

/**
 * Weighted term counts of one document, in a dense scratch array reused across documents (a Map per
 * document would dominate indexing time). Read with `forEach`, then `clear` before the next document.
 */
export class TermCounter implements TermSink {
  private counts = new Float64Array(1024);
  private readonly seen: number[] = [];

  add(term: number, weight: number): void {
    if (term >= this.counts.length) {
      const grown = new Float64Array(Math.max(term + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[term] === 0) this.seen.push(term);
    this.counts[term] = (this.counts[term] ?? 0) + weight;
  }

  get size(): number {
    return this.seen.length;
  }

  /** The distinct terms counted so far, in first-seen order; read with `countOf`. */
  get terms(): readonly number[] {
    return this.seen;
  }

  countOf(term: number): number {
    return this.counts[term] ?? 0;
  }

  forEach(visit: (term: number, count: number) => void): void {
    for (const term of this.seen) visit(term, this.counts[term] ?? 0);
  }

  toMap(): Map<number, number> {
    const map = new Map<number, number>();
    this.forEach((term, count) => map.set(term, count));
    return map;
  }

  clear(): void {
    for (const term of this.seen) this.counts[term] = 0;
    this.seen.length = 0;
  }
}

/**
 * Adds the weighted counts of the unigrams and bigrams of `text` into `counter`. With `create` false
 * (queries, vectors of outside text) unknown terms are skipped instead of added to the vocabulary.
 */
export function countTerms(
  text: string,
  fieldWeight: number,
  vocabulary: Vocabulary,
  create: boolean,
  counter: TermSink,
): void {
  // ASCII text is scanned as is, capitals folded on the fly. Folding is local (NFKC composes a mark
  // with the letter before it; a tag starts at its "<"), so at the first character that needs it the
  // rest of the text, from the start of the current word, is folded and scanned on.
  const resumeAt = scanText(text, -1, fieldWeight, vocabulary, create, counter);
  if (resumeAt >= 0) {
    scanFoldedText(foldText(text.slice(resumeAt)), carried, fieldWeight, vocabulary, create, counter);
  }
}

/** The term before the resume point of an ASCII scan, so that no bigram is lost across it. */
let carried = -1;

/** What each byte of ASCII text is to the scan (bytes from 0x80 up, and "<", need real folding). */
const SEPARATOR = 0;
const WORD = 1;
const PHRASE_BREAK = 2;
const NEEDS_FOLDING = 3;
const BYTE_KIND = new Uint8Array(256).fill(NEEDS_FOLDING);
/** Each ASCII byte lower-cased. */
const LOWER = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const lower = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
  LOWER[code] = lower;
  const isWord = (lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39);
  BYTE_KIND[code] = isWord ? WORD : isPhraseBreak(code) ? PHRASE_BREAK : SEPARATOR;
}
BYTE_KIND[0x3c] = NEEDS_FOLDING;

/** Texts longer than this are scanned as strings: the byte buffer stays small. */
const MAX_BYTE_SCAN = 1 << 18;
const encoder = new TextEncoder();
let bytes = new Uint8Array(1 << 14);

/**
 * One pass over ASCII text, hashing each word (capitals folded) as it goes: the hottest loop of
 * indexing. The text is copied into a byte buffer first: reading bytes is several times cheaper than
 * `charCodeAt`. At the first byte that needs real folding (non-ASCII, or a tag's "<") it returns the
 * start of the word it is in (or of the character before), with the term before it in `carried`.
 * Returns -1 when the whole text was counted.
 */
function scanText(
  text: string,
  previousTerm: number,
  fieldWeight: number,
  vocabulary: Vocabulary,
  create: boolean,
  counter: TermSink,
): number {
  if (text.length > MAX_BYTE_SCAN) return stopAt(0, previousTerm);
  if (bytes.length <= text.length * 3) bytes = new Uint8Array(text.length * 3 + 1);
  const buffer = bytes;
  const length = encoder.encodeInto(text, buffer).written;
  buffer[length] = 0x20; // ends the last word
  let previous = previousTerm;
  let start = -1;
  let hash = HASH_SEED;
  let hash2 = HASH_SEED2;
  for (let i = 0; i <= length; i++) {
    const byte = buffer[i] as number;
    const kind = BYTE_KIND[byte] as number;
    if (kind === WORD) {
      const code = LOWER[byte] as number;
      if (start < 0) {
        start = i;
        hash = HASH_SEED;
        hash2 = HASH_SEED2;
      }
      hash = hashStep(hash, code);
      hash2 = hashStep2(hash2, code);
      continue;
    }
    // Folding may merge a character with the one before ("=" and U+0338 make "≠"): it starts there.
    if (kind === NEEDS_FOLDING) return stopAt(start >= 0 ? start : Math.max(0, i - 1), previous);
    if (start >= 0) {
      previous = countWord(text, start, i, hash, hash2, previous, fieldWeight, vocabulary, create, counter);
      start = -1;
    }
    if (kind === PHRASE_BREAK) previous = -1;
  }
  return -1;
}

/**
 * One pass over already folded text of any script, hashing each word (surrogate pairs included) as it
 * goes, continuing from `previousTerm`. A separate function from `scanText` so that each stays
 * specialised to one kind of string (V8 slows a loop that sees both one-byte and two-byte strings).
 */
function scanFoldedText(
  text: string,
  previousTerm: number,
  fieldWeight: number,
  vocabulary: Vocabulary,
  create: boolean,
  counter: TermSink,
): void {
  const length = text.length;
  let previous = previousTerm;
  let start = -1;
  let hash = HASH_SEED;
  let hash2 = HASH_SEED2;
  for (let i = 0; i <= length; i++) {
    let code = i < length ? text.charCodeAt(i) : 0x20;
    let width = 1;
    let inWord: boolean;
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) code |= 0x20; // ASCII capitals, folded in place
      inWord = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    } else {
      const point = text.codePointAt(i) ?? code;
      width = point > 0xffff ? 2 : 1;
      inWord = isWordCodePoint(point);
    }
    if (inWord) {
      if (start < 0) {
        start = i;
        hash = HASH_SEED;
        hash2 = HASH_SEED2;
      }
      hash = hashStep(hash, code);
      hash2 = hashStep2(hash2, code);
      if (width === 2) {
        const low = text.charCodeAt(i + 1);
        hash = hashStep(hash, low);
        hash2 = hashStep2(hash2, low);
      }
    } else {
      if (start >= 0) {
        previous = countWord(text, start, i, hash, hash2, previous, fieldWeight, vocabulary, create, counter);
        start = -1;
      }
      if (isPhraseBreak(code)) previous = -1;
    }
    i += width - 1;
  }
}

/**
 * Counts the word `text.slice(start, end)` (hashed `hash`, `hash2`) and the bigram it ends with the
 * term before it, `previous`; returns its term id, or -1 for a stop word (which ends the phrase:
 * "learning of graphs" yields no "learning graphs" bigram).
 */
function countWord(
  text: string,
  start: number,
  end: number,
  hash: number,
  hash2: number,
  previous: number,
  fieldWeight: number,
  vocabulary: Vocabulary,
  create: boolean,
  counter: TermSink,
): number {
  const id = vocabulary.wordIdAt(text, start, end, hash, hash2, create);
  if (id >= 0) {
    counter.add(id, fieldWeight);
    if (previous >= 0) {
      const pair = vocabulary.bigramId(previous, id, create);
      if (pair >= 0) counter.add(pair, fieldWeight);
    }
  }
  return id;
}

function stopAt(position: number, previous: number): number {
  carried = previous;
  return position;
}
