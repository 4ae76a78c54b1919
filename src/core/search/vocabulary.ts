import { doubled } from "./doubled.js";
import { PairTable } from "./pair-table.js";
import { isIndexable, stem } from "./tokenizer.js";
import { HASH_SEED, HASH_SEED2, hashStep, hashStep2, WordTable } from "./word-table.js";

const NOT_INDEXABLE = -1;
const UNKNOWN = -2;

/**
 * A vocabulary as plain data (structured-cloneable, typed arrays transferable), so that a part of
 * the corpus can be counted on another thread and its terms merged into the index's vocabulary.
 */
export interface VocabularyPart {
  count: number;
  /** Per term: a unigram's index into `stems`/`labels` and -1, or a bigram's two unigram ids. */
  firstPart: Int32Array;
  secondPart: Int32Array;
  stems: string[];
  labels: string[];
}

/**
 * Term ids for stems and stem bigrams, with each term's document frequency and a readable label
 * (the word as first written, e.g. "networks" for the stem "network"; a bigram joins its two labels).
 */
export class Vocabulary {
  private readonly stems = new Map<string, number>();
  /** word as written → its stem's id (or NOT_INDEXABLE): skips the stop list and the stemmer on repeats. */
  private readonly words = new WordTable();
  private bigrams = new PairTable();
  private readonly wordLabels: string[] = [];
  /** Per term: a unigram's label index and -1, or a bigram's two unigram ids. */
  private firstPart = new Int32Array(1024);
  private secondPart = new Int32Array(1024);
  private frequencies = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The id of a folded word's stem; undefined for stop words, and for unknown words unless `create`. */
  wordId(word: string, create: boolean): number | undefined {
    let hash = HASH_SEED;
    let hash2 = HASH_SEED2;
    for (let i = 0; i < word.length; i++) {
      hash = hashStep(hash, word.charCodeAt(i));
      hash2 = hashStep2(hash2, word.charCodeAt(i));
    }
    const id = this.wordIdAt(word, 0, word.length, hash, hash2, create);
    return id < 0 ? undefined : id;
  }

  /**
   * Like `wordId` for the word `text.slice(start, end)` (ASCII capitals allowed), whose hashes
   * (`hashStep`, `hashStep2` over its lower-cased units) are `hash` and `hash2`; returns -1 where
   * `wordId` returns undefined. The indexing hot path: `text` is read only for a word not seen yet.
   */
  wordIdAt(text: string, start: number, end: number, hash: number, hash2: number, create: boolean): number {
    const known = this.words.get(hash, hash2, end - start, UNKNOWN);
    return known !== UNKNOWN ? known : this.newWordId(text, start, end, hash, hash2, create);
  }

  private newWordId(
    text: string,
    start: number,
    end: number,
    hash: number,
    hash2: number,
    create: boolean,
  ): number {
    const word = text.slice(start, end).toLowerCase();
    let id: number | undefined = NOT_INDEXABLE;
    if (isIndexable(word)) {
      const stemmed = stem(word);
      id = this.stems.get(stemmed);
      if (id === undefined && create) id = this.addStem(stemmed, word);
    }
    // Only words of the corpus are remembered, so hostile queries cannot grow the table.
    if (create && id !== undefined) this.words.add(hash, hash2, end - start, id);
    return id ?? NOT_INDEXABLE;
  }

  /** The id of the bigram `first second`, or -1 when unknown and not `create`. */
  bigramId(first: number, second: number, create: boolean): number {
    const id = this.bigrams.get(first, second);
    if (id !== undefined) return id;
    if (!create) return -1;
    const created = this.register(first, second);
    this.bigrams.set(first, second, created);
    return created;
  }

  /** This vocabulary as plain data, for merging into another with `absorb`. */
  toPart(): VocabularyPart {
    const stems: string[] = new Array<string>(this.wordLabels.length);
    for (const [stemmed, id] of this.stems) stems[this.firstPart[id] as number] = stemmed;
    return {
      count: this.count,
      firstPart: this.firstPart.slice(0, this.count),
      secondPart: this.secondPart.slice(0, this.count),
      stems,
      labels: this.wordLabels.slice(),
    };
  }

  /**
   * Adds the terms of another vocabulary that this one lacks, in that one's id order, and returns
   * the id here of each of its term ids. Absorbing the vocabulary of the papers that follow this
   * one's gives every term the id that counting all papers in one go would have given it. (Its
   * words as written are not taken: they are learnt again, with the same ids, when next met.)
   */
  absorb(part: VocabularyPart): Int32Array {
    const ids = new Int32Array(part.count);
    for (let term = 0; term < part.count; term++) {
      const first = part.firstPart[term] as number;
      const second = part.secondPart[term] as number;
      if (second >= 0) {
        ids[term] = this.bigramId(ids[first] as number, ids[second] as number, true);
      } else {
        const stemmed = part.stems[first] as string;
        ids[term] = this.stems.get(stemmed) ?? this.addStem(stemmed, part.labels[first] as string);
      }
    }
    return ids;
  }

  /**
   * Numbers the terms anew: term `id` becomes `newIds[id]` (every id once). The words of `labels`
   * (by id before) are labelled as it says instead.
   */
  renumber(newIds: Int32Array, labels: ReadonlyMap<number, string>): void {
    for (const [id, label] of labels) this.wordLabels[this.firstPart[id] as number] = label;
    const count = this.count;
    const firstPart = new Int32Array(this.firstPart.length);
    const secondPart = new Int32Array(this.secondPart.length);
    const frequencies = new Int32Array(this.frequencies.length);
    for (let id = 0; id < count; id++) {
      const to = newIds[id] as number;
      const first = this.firstPart[id] as number;
      const second = this.secondPart[id] as number;
      firstPart[to] = second >= 0 ? (newIds[first] as number) : first;
      secondPart[to] = second >= 0 ? (newIds[second] as number) : -1;
      frequencies[to] = this.frequencies[id] as number;
    }
    this.firstPart = firstPart;
    this.secondPart = secondPart;
    this.frequencies = frequencies;
    for (const [stemmed, id] of this.stems) this.stems.set(stemmed, newIds[id] as number);
    this.words.remap(newIds);
    this.bigrams = this.bigrams.remapped(newIds);
  }

  label(id: number): string {
    if (id < 0 || id >= this.count) return "";
    const first = this.firstPart[id] as number;
    const second = this.secondPart[id] as number;
    return second < 0 ? (this.wordLabels[first] ?? "") : `${this.label(first)} ${this.label(second)}`;
  }

  isBigram(id: number): boolean {
    return (this.secondPart[id] ?? -1) >= 0;
  }

  documentFrequency(id: number): number {
    return this.frequencies[id] ?? 0;
  }

  addDocumentFrequency(id: number, delta: number): void {
    this.frequencies[id] = (this.frequencies[id] ?? 0) + delta;
  }

  /** Adds `counts[id]` to the document frequency of each term id. */
  addDocumentFrequencies(counts: Int32Array): void {
    const frequencies = this.frequencies;
    for (let id = 0; id < counts.length; id++)
      frequencies[id] = (frequencies[id] as number) + (counts[id] as number);
  }

  private addStem(stemmed: string, label: string): number {
    const id = this.register(this.wordLabels.length, -1);
    this.wordLabels.push(label);
    this.stems.set(stemmed, id);
    return id;
  }

  private register(first: number, second: number): number {
    const id = this.count++;
    if (id === this.frequencies.length) {
      this.frequencies = doubled(this.frequencies);
      this.firstPart = doubled(this.firstPart);
      this.secondPart = doubled(this.secondPart);
    }
    this.firstPart[id] = first;
    this.secondPart[id] = second;
    return id;
  }
}
