import type { LibraryPaper } from "../records.js";

/**
 * One paper read from a researcher's exported library.
 *
 * Entries read from a plain list of arXiv ids/URLs carry only `arxivId`: their `title` is `""` and the
 * caller fills it (and the rest) from its corpus. Entries from BibTeX, RIS and CSL-JSON always have a
 * title or an arXiv id (entries with neither are skipped).
 */
export type LibraryEntry = LibraryPaper;

export type LibraryFormat = "bibtex" | "ris" | "csl-json" | "ids";

/** An entry of the file that was not imported, and why (a sentence fragment for the user). */
export interface SkippedEntry {
  /** 1-based entry number in the file (for an id list: the number of the token). */
  position: number;
  reason: string;
}

export interface ParsedLibrary {
  format: LibraryFormat;
  /** In file order, duplicates removed (the first of each is kept). */
  entries: LibraryEntry[];
  /** In file order. */
  skipped: SkippedEntry[];
}

/** The library could not be read at all; `error` is a complete message for the user. */
export interface LibraryReadError {
  error: string;
}

export const MAX_LIBRARY_BYTES = 2 * 1024 * 1024;
export const MAX_LIBRARY_ENTRIES = 5_000;

export const MAX_TITLE_CHARS = 300;
export const MAX_ABSTRACT_CHARS = 5_000;
export const MAX_AUTHORS = 50;
