import { tokenize } from "./tokenizer.js";

/**
 * Words that frame a stated interest rather than name its topic ("I am interested in…",
 * "papers about…", "show me the latest…"). Every paper is research and new, so these only add noise.
 */
const INTENT_WORDS: ReadonlySet<string> = new Set(
  `interested interest interests like love want wanted wish follow following keen looking look show find
  me papers paper articles article work works research new newest recent latest related anything
  everything stuff things topics topic please track tracking updates update news d ll m`.split(/\s+/),
);
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The query with its framing words turned into phrase breaks, or the query unchanged when nothing
 * searchable would be left (a search for "new papers" still searches).
 *
 * @example stripIntentWords("I am interested in graph neural networks") // "I am , in graph neural networks"
 */
export function stripIntentWords(query: string): string {
  const stripped = query.replace(WORD, (word) => (INTENT_WORDS.has(word.toLowerCase()) ? "," : word));
  return stripped === query || tokenize(stripped).length === 0 ? query : stripped;
}
