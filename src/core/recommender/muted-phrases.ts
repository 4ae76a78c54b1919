import { foldText, isIndexable, scanWords, stem } from "../search/tokenizer.js";

/**
 * Muted phrases: hard topic filters. Text is read as search reads it (folded, split into words,
 * Porter-stemmed), so "transformer" mutes "Transformers for vision" but "graph" does not mute
 * "paragraph". Words search ignores (stop words such as "of", single letters) are skipped on both
 * sides, so "state of the art" is the stems [state, art] and mutes "state-of-the-art methods". A phrase
 * matches where its stems appear consecutively in the title or the abstract, never across sentence
 * punctuation ("… large. Language models …" does not match "large language models"); punctuation
 * inside the muted phrase itself is ignored.
 */

export const MUTE_USAGE = "Use /mute <word or phrase>, e.g. /mute quantum computing";
export const MAX_MUTE_PHRASE_CHARS = 100;

/** Trims and collapses a phrase to mute, or says what a valid one looks like. */
export function normaliseMutePhrase(text: string): { phrase: string } | { error: string } {
  const phrase = text
    .normalize("NFC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (phrase.length === 0) return { error: `Give a word or phrase to mute. ${MUTE_USAGE}` };
  if (phrase.length > MAX_MUTE_PHRASE_CHARS)
    return { error: `A muted phrase has at most ${MAX_MUTE_PHRASE_CHARS} characters. ${MUTE_USAGE}` };
  if (phraseStems(phrase).length === 0) {
    return {
      error:
        "A muted phrase needs a word that search can match: common words such as “the” and single " +
        `letters don't count. ${MUTE_USAGE}`,
    };
  }
  return { phrase };
}

/**
 * Finds muted phrases in papers. Phrases are indexed by their first stem; a paper's text is folded
 * and stemmed once (and remembered for the next matchers), then each of its words costs one look-up.
 */
export class MuteMatcher {
  private readonly byFirstStem = new Map<string, { stems: string[]; phrase: string }[]>();

  constructor(phrases: readonly string[]) {
    const seen = new Set<string>();
    for (const phrase of phrases) {
      const stems = phraseStems(phrase);
      const key = stems.join(" ");
      if (stems.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const first = stems[0] as string;
      let entries = this.byFirstStem.get(first);
      if (!entries) this.byFirstStem.set(first, (entries = []));
      entries.push({ stems, phrase });
    }
  }

  /** The first muted phrase (as written) found in the title, else in the abstract. */
  matches(text: { title: string; abstract: string }): string | undefined {
    if (this.byFirstStem.size === 0) return undefined;
    const stems = paperStems(text);
    for (let i = 0; i < stems.length; i++) {
      const entries = this.byFirstStem.get(stems[i] as string);
      if (!entries) continue;
      for (const { stems: wanted, phrase } of entries) {
        let k = 1;
        while (k < wanted.length && stems[i + k] === wanted[k]) k++;
        if (k === wanted.length) return phrase;
      }
    }
    return undefined;
  }
}

/** Marks sentence punctuation and the title's end in a stem list; no stem is empty. */
const BREAK = "";

/** The stems of a phrase's searchable words, in order. */
function phraseStems(phrase: string): string[] {
  const stems: string[] = [];
  scanWords(foldText(phrase), (word) => {
    if (word !== null && isIndexable(word)) stems.push(stem(word));
  });
  return stems;
}

/**
 * Papers' stems by abstract: a digest checks the same few thousand papers against every
 * subscriber's matcher, and folding and stemming cost far more than the look-ups. Keyed by the
 * abstract string, whose hash V8 keeps once computed, and checked against the title.
 */
const stemsByAbstract = new Map<string, { title: string; stems: string[] }>();
const STEMS_CACHE_LIMIT = 10_000;

/** Title stems, a break, then abstract stems, with a break at each sentence punctuation. */
function paperStems(text: { title: string; abstract: string }): string[] {
  const cached = stemsByAbstract.get(text.abstract);
  if (cached && cached.title === text.title) return cached.stems;
  const stems: string[] = [];
  const visit = (word: string | null): void => {
    if (word === null) stems.push(BREAK);
    else if (isIndexable(word)) stems.push(stem(word));
  };
  scanWords(foldText(text.title), visit);
  stems.push(BREAK);
  scanWords(foldText(text.abstract), visit);
  if (stemsByAbstract.size >= STEMS_CACHE_LIMIT) stemsByAbstract.clear();
  stemsByAbstract.set(text.abstract, { title: text.title, stems });
  return stems;
}
