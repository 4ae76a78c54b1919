import { stemmer } from "stemmer";
import { STOP_WORDS } from "./stopwords.js";

/**
 * Sentence punctuation breaks phrases, so no bigram spans it. Hyphens, slashes, apostrophes and
 * spaces only separate words: "few-shot" reads as "few shot".
 */
const PHRASE_BREAKS = new Set([...'().,;:!?[]{}"“”'].map((char) => char.charCodeAt(0)));
const ASCII_PHRASE_BREAK = new Uint8Array(128);
for (const code of PHRASE_BREAKS) if (code < 128) ASCII_PHRASE_BREAK[code] = 1;
const HTML_TAG = /<\/?[a-z][^<>]*>/gi;
const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range is the point
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const nonAsciiWordChar = new Map<number, boolean>();

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Porter stem of a lower-cased word, memoised: a corpus repeats a small vocabulary millions of times. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Whether a word carries meaning for search: not a stop word, not a lone letter (lone digits count). */
export function isIndexable(word: string): boolean {
  if (STOP_WORDS.has(word)) return false;
  if (word.length > 1) return true;
  const code = word.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

/** NFKC-normalised, case-folded text with HTML tags removed; ASCII text skips the (costly) normalisation. */
export function foldText(text: string): string {
  const normalised = NON_ASCII.test(text) ? text.normalize("NFKC") : text;
  const lower = normalised.toLowerCase();
  return lower.includes("<") ? lower.replace(HTML_TAG, " ") : lower;
}

/**
 * Calls `visit` with each word of a folded text (runs of letters, marks and digits) and with `null`
 * at each phrase break. A hand-written scan: this is the hottest loop of indexing.
 */
export function scanWords(folded: string, visit: (word: string | null) => void): void {
  let start = -1;
  const length = folded.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? folded.charCodeAt(i) : 0x20;
    let width = 1;
    let inWord: boolean;
    if (code < 0x80) inWord = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    else {
      const point = folded.codePointAt(i) ?? code;
      width = point > 0xffff ? 2 : 1;
      inWord = isWordCodePoint(point);
    }
    if (inWord) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) visit(folded.slice(start, i));
      start = -1;
      if (isPhraseBreak(code)) visit(null);
    }
    i += width - 1;
  }
}

/** Whether a character (UTF-16 unit or code point) ends a phrase: no bigram spans it. */
export function isPhraseBreak(code: number): boolean {
  return code < 128 ? ASCII_PHRASE_BREAK[code] === 1 : PHRASE_BREAKS.has(code);
}

/** Whether a non-ASCII code point belongs in a word (a letter, mark or digit of any script). */
export function isWordCodePoint(point: number): boolean {
  let known = nonAsciiWordChar.get(point);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(point));
    nonAsciiWordChar.set(point, known);
  }
  return known;
}

/** The stems of a text's meaningful words, in order. */
export function tokenize(text: string): string[] {
  const stems: string[] = [];
  scanWords(foldText(text), (word) => {
    if (word !== null && isIndexable(word)) stems.push(stem(word));
  });
  return stems;
}
