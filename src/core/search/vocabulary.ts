import { PairTable } from "./pair-table.js";
import { isIndexable, stem } from "./tokenizer.js";

const NOT_INDEXABLE = -1;

/**
 * Term ids for stems and stem bigrams, with each term's document frequency and a readable label
 * (the word as first written, e.g. "networks" for the stem "network").
 */
export class Vocabulary {
  private readonly stems = new Map<string, number>();
  /** word as written → its stem's id (or NOT_INDEXABLE): skips the stop list and the stemmer on repeats. */
  private readonly words = new Map<string, number>();
  private readonly bigrams = new PairTable();
  private readonly labels: string[] = [];
  private bigramFlags = new Uint8Array(1024);
  private frequencies: Int32Array = new Int32Array(1024);

  get size(): number {
    return this.labels.length;
  }

  /** The id of a folded word's stem; undefined for stop words, and for unknown words unless `create`. */
  wordId(word: string, create: boolean): number | undefined {
    const known = this.words.get(word);
    if (known !== undefined) return known === NOT_INDEXABLE ? undefined : known;
    if (!isIndexable(word)) {
      if (create) this.words.set(word, NOT_INDEXABLE);
      return undefined;
    }
    const stemmed = stem(word);
    let id = this.stems.get(stemmed);
    if (id === undefined && create) {
      id = this.register(word, false);
      this.stems.set(stemmed, id);
    }
    // Only words of the corpus are remembered, so hostile queries cannot grow this map.
    if (id !== undefined && create) this.words.set(word, id);
    return id;
  }

  bigramId(first: number, second: number, create: boolean): number | undefined {
    const id = this.bigrams.get(first, second);
    if (id !== undefined || !create) return id;
    const created = this.register(`${this.label(first)} ${this.label(second)}`, true);
    this.bigrams.set(first, second, created);
    return created;
  }

  label(id: number): string {
    return this.labels[id] ?? "";
  }

  isBigram(id: number): boolean {
    return this.bigramFlags[id] === 1;
  }

  documentFrequency(id: number): number {
    return this.frequencies[id] ?? 0;
  }

  addDocumentFrequency(id: number, delta: number): void {
    this.frequencies[id] = (this.frequencies[id] ?? 0) + delta;
  }

  private register(label: string, isBigram: boolean): number {
    const id = this.labels.length;
    this.labels.push(label);
    if (id >= this.frequencies.length) {
      this.frequencies = growInt32(this.frequencies);
      const flags = new Uint8Array(this.frequencies.length);
      flags.set(this.bigramFlags);
      this.bigramFlags = flags;
    }
    this.bigramFlags[id] = isBigram ? 1 : 0;
    return id;
  }
}

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
