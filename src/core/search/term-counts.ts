import { foldText, scanWords } from "./tokenizer.js";
import type { Vocabulary } from "./vocabulary.js";

export interface Weighting {
  /** How much a word in the title counts against one in the abstract. */
  titleWeight: number;
  /** Multiplier on the final weight of a bigram term. */
  bigramWeight: number;
}

export const DEFAULT_WEIGHTING: Weighting = { titleWeight: 2, bigramWeight: 1 };

/**
 * Weighted term counts of one document, in a dense scratch array reused across documents (a Map per
 * document would dominate indexing time). Read with `forEach`, then `clear` before the next document.
 */
export class TermCounter {
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
  counter: TermCounter,
): void {
  let previous: number | undefined;
  scanWords(foldText(text), (word) => {
    const id = word === null ? undefined : vocabulary.wordId(word, create);
    if (id === undefined) {
      // Stop words and breaks end a phrase: "learning of graphs" yields no "learning graphs" bigram.
      previous = undefined;
      return;
    }
    counter.add(id, fieldWeight);
    if (previous !== undefined) {
      const pair = vocabulary.bigramId(previous, id, create);
      if (pair !== undefined) counter.add(pair, fieldWeight);
    }
    previous = id;
  });
}
