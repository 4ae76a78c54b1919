/**
 * scikit-learn's word analyzer (`CountVectorizer.build_analyzer`): lowercase, optionally strip
 * accents, match the token pattern, drop stop words, then form n-grams from what is left.
 */

/**
 * Python's `\w` on str: letters (L*), anything `isnumeric()` (N*) and "_". JavaScript's `\w` is
 * ASCII-only even with the `u` flag, and combining marks are not word characters in Python.
 */
const PYTHON_WORD_RUN = /[\p{L}\p{N}_]+/gu;
/** `(?u)\b\w\w+\b` matches exactly the maximal runs of two or more word characters. */
const DEFAULT_TOKEN = /[\p{L}\p{N}_]{2,}/gu;
/** A run that `(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b` matches in full (its `\b` still sees Unicode runs). */
const ASCII_IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]+$/;
const COMBINING_MARK = /\p{M}/u;

export type Tokenizer = (text: string) => string[];

/** scikit-learn's default `token_pattern`, `(?u)\b\w\w+\b`. */
export const defaultTokens: Tokenizer = (text) => text.match(DEFAULT_TOKEN) ?? [];

/**
 * `(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b`: a token is a whole run of word characters that is ASCII, starts
 * with a letter or "_" and has two or more characters. "3d" and "straße" give nothing, "x2" counts.
 */
export const asciiIdentifierTokens: Tokenizer = (text) =>
  (text.match(PYTHON_WORD_RUN) ?? []).filter((run) => ASCII_IDENTIFIER.test(run));

const combiningCache = new Map<string, boolean>();

/**
 * `unicodedata.combining(c) != 0`. JavaScript exposes no combining class, but canonical ordering
 * reveals it: a mark of class > 1 moves before U+0334 (class 1), one of class 1 before U+0301 (230).
 */
function isCombining(char: string): boolean {
  if (!COMBINING_MARK.test(char)) return false;
  let combining = combiningCache.get(char);
  if (combining === undefined) {
    const before = char + "\u0334";
    const after = "\u0301" + char;
    combining = before.normalize("NFD") !== before || after.normalize("NFD") !== after;
    combiningCache.set(char, combining);
  }
  return combining;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `strip_accents_unicode`: NFKD, then drop characters with a nonzero combining class. */
export function stripAccentsUnicode(text: string): string {
  if (isAscii(text)) return text;
  let stripped = "";
  for (const char of text.normalize("NFKD")) if (!isCombining(char)) stripped += char;
  return stripped;
}

/** `_word_ngrams`: stop words leave first, so n-grams bridge the gaps they leave. */
export function wordNgrams(
  tokens: readonly string[],
  stopWords: ReadonlySet<string> | undefined,
  maxN: number,
): string[] {
  const kept = stopWords ? tokens.filter((token) => !stopWords.has(token)) : [...tokens];
  if (maxN === 1) return kept;
  const grams: string[] = [];
  for (let n = 1; n <= Math.min(maxN, kept.length); n++) {
    for (let i = 0; i + n <= kept.length; i++) grams.push(kept.slice(i, i + n).join(" "));
  }
  return grams;
}

export interface AnalyzerOptions {
  stripAccents: boolean;
  tokenize: Tokenizer;
  stopWords?: ReadonlySet<string>;
  maxN: number;
}

/** The analyzer for one configuration: text in, features (unigrams, then bigrams, …) out. */
export function sklearnAnalyzer(options: AnalyzerOptions): (text: string) => string[] {
  return (text) => {
    const lowered = text.toLowerCase();
    const preprocessed = options.stripAccents ? stripAccentsUnicode(lowered) : lowered;
    return wordNgrams(options.tokenize(preprocessed), options.stopWords, options.maxN);
  };
}
