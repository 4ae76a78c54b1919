import { doubled } from "./doubled.js";
import { ownCopy } from "./own-rows.js";
import type { DocumentRows } from "./posting-lists.js";
import { addToEntry, entryTerm, MAX_TERMS, packEntry } from "./term-entry.js";

const NO_FREQUENCIES = new Int32Array(0);
const MIN_ENTRIES = 1024;
/** `lastAt` of a term never added. */
const NEVER = -1;
/** `lastAt` of a term added to rows already cut (own blocks: their places are reused). */
const CUT_OFF = -2;

/**
 * Collects per-document term rows in a growable typed array of packed entries (see term-entry),
 * far lighter than arrays of objects. `add` merges repeats of a term within the row being built,
 * so a document's terms are counted straight into its row, in first-seen order, with no
 * per-document scratch table. The rows are cut into blocks (`cut`), either
 * - `shared`: views of shared memory that any thread can read without a copy, so that the rows can
 *   be shared out between threads by block; or
 * - each copied to a buffer of its own (the rows are counted into the same room again after each
 *   cut), so that the thread inverting them can free each block as soon as it has read it (see own-rows).
 */
export class RowBuilder {
  private entries: Uint32Array;
  private start: Int32Array;
  /** Per term, where it was last written in `entries`: from `rowStart` on means "seen already". */
  private lastAt = new Int32Array(1 << 14).fill(NEVER);
  /** Per term, how many rows hold it. */
  private frequencies = new Int32Array(1 << 14);
  private length = 0;
  private rows = 0;
  private rowStart = 0;
  /** Where the rows not yet cut begin, in `entries` and in `start`. */
  private cutAt = 0;
  private cutRow = 0;
  /** Shared: the blocks cut so far, views of `entries` moved with it when it grows. */
  private readonly blocks: DocumentRows[] = [];
  /** Terms in the order they were first added, and the row each was first added to. */
  private seenTerms: Int32Array = new Int32Array(1 << 14);
  private seenRows: Int32Array = new Int32Array(1 << 14);
  private seen = 0;

  /** Room for `expectedEntries` entries: of every row when `shared`, else of the rows of one block. */
  constructor(
    expectedRows: number,
    expectedEntries = expectedRows * 96,
    private readonly shared = false,
  ) {
    this.start = new Int32Array(expectedRows + 1);
    const room = Math.max(MIN_ENTRIES, expectedEntries);
    this.entries = reserveEntries(room, shared);
  }

  /** Adds `count` (a whole number) to `term` in the current row. */
  add(term: number, count: number): void {
    if (term >= this.lastAt.length) this.growLastAt(term);
    const at = this.lastAt[term] as number;
    if (at >= this.rowStart) {
      this.entries[at] = addToEntry(this.entries[at] as number, count);
      return;
    }
    if (term >= MAX_TERMS) throw new RangeError(`An index holds at most ${MAX_TERMS} distinct terms.`);
    if (at === NEVER) this.firstAdded(term);
    if (this.length === this.entries.length) this.growEntries();
    this.lastAt[term] = this.length;
    this.frequencies[term] = (this.frequencies[term] as number) + 1;
    this.entries[this.length++] = packEntry(term, count);
  }

  endRow(): void {
    if (this.rows + 1 >= this.start.length) this.start = doubled(this.start);
    this.start[++this.rows] = this.length;
    this.rowStart = this.length;
  }

  /**
   * The rows ended since the last cut, numbered from `firstDoc`: their entries a view of the shared
   * entries or a copy of their own, their starts an array of their own. Their frequencies are
   * counted in `counted`.
   */
  cut(firstDoc: number): DocumentRows {
    const start = this.start.slice(this.cutRow, this.rows + 1);
    for (let row = 0; row < start.length; row++) start[row] = (start[row] as number) - this.cutAt;
    const rows: DocumentRows = {
      firstDoc,
      count: this.rows - this.cutRow,
      start,
      entries: this.shared
        ? this.entries.subarray(this.cutAt, this.length)
        : ownCopy(this.entries.subarray(this.cutAt, this.length)),
      frequencies: NO_FREQUENCIES,
    };
    this.cutRow = this.rows;
    if (this.shared) {
      this.blocks.push(rows);
      this.cutAt = this.length;
    } else {
      this.reuseRoom();
    }
    return rows;
  }

  /** Counts the next rows from the start of `entries` again, the rows before it cut and copied. */
  private reuseRoom(): void {
    for (let p = 0; p < this.length; p++) this.lastAt[entryTerm(this.entries[p] as number)] = CUT_OFF;
    this.length = 0;
    this.rowStart = 0;
    this.start[this.rows] = 0;
  }

  /** Per term id, how many rows counted so far hold it (ids past its end: none). */
  get counted(): Int32Array {
    return this.frequencies;
  }

  /**
   * Every term added so far, in the order first added, with the row (counted from the first, cut or
   * not) it was first added to.
   */
  get firstSeen(): FirstSeen {
    return { terms: this.seenTerms.subarray(0, this.seen), rows: this.seenRows.subarray(0, this.seen) };
  }

  private firstAdded(term: number): void {
    if (this.seen === this.seenTerms.length) {
      this.seenTerms = doubled(this.seenTerms);
      this.seenRows = doubled(this.seenRows);
    }
    this.seenTerms[this.seen] = term;
    this.seenRows[this.seen++] = this.rows;
  }

  /** Grown by a quarter, not doubled: rows are the peak of a build's memory. */
  private growEntries(): void {
    const length = Math.ceil(this.entries.length * 1.25);
    const entries = newEntries(length, this.shared);
    entries.set(this.entries);
    let at = 0;
    for (const rows of this.blocks) {
      rows.entries = entries.subarray(at, at + rows.entries.length);
      at += rows.entries.length;
    }
    this.entries = entries;
  }

  private growLastAt(term: number): void {
    const size = Math.max(term + 1, this.lastAt.length * 2);
    const lastAt = new Int32Array(size).fill(NEVER);
    lastAt.set(this.lastAt);
    this.lastAt = lastAt;
    const frequencies = new Int32Array(size);
    frequencies.set(this.frequencies);
    this.frequencies = frequencies;
  }
}

/** Terms in the order a RowBuilder first met them, with the row each was first met in. */
export interface FirstSeen {
  terms: Int32Array;
  rows: Int32Array;
}

/**
 * Room for `length` entries or, where the process may not reserve that much address space
 * (a `ulimit -v`, say), for a quarter of it, and so on down: the rows grow past it when they must.
 */
function reserveEntries(length: number, shared: boolean): Uint32Array {
  for (let room = length; ; room = Math.max(MIN_ENTRIES, Math.floor(room / 4))) {
    try {
      return newEntries(room, shared);
    } catch (error) {
      if (!(error instanceof RangeError) || room === MIN_ENTRIES) throw error;
    }
  }
}

function newEntries(length: number, shared: boolean): Uint32Array {
  if (!shared) return new Uint32Array(length);
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}
