import type { LibraryFormat } from "./entry.js";
import { MAX_LIBRARY_BYTES, MAX_LIBRARY_ENTRIES } from "./entry.js";

/** Said after every message about a library that could not be read. */
export const ACCEPTED_FORMATS = "Accepted: BibTeX, RIS, CSL-JSON, or a list of arXiv ids/URLs.";

const FORMAT_NAMES: Record<LibraryFormat, string> = {
  bibtex: "BibTeX",
  ris: "RIS",
  "csl-json": "CSL-JSON",
  ids: "a list of arXiv ids/URLs",
};

const MEGABYTE = 1024 * 1024;

export function emptyLibraryMessage(): string {
  return `The library is empty. ${ACCEPTED_FORMATS}`;
}

/** @example tooLargeMessage(3_250_586) // "The file is 3.1 MB; the limit is 2 MB. Export a smaller collection." */
export function tooLargeMessage(bytes: number): string {
  const limit = MAX_LIBRARY_BYTES / MEGABYTE;
  // Rounded to one decimal, but never shown as the limit itself: "2.0 MB; the limit is 2 MB" reads wrong.
  const size = Math.max(Math.round((bytes / MEGABYTE) * 10) / 10, limit + 0.1);
  return `The file is ${size.toFixed(1)} MB; the limit is ${limit} MB. Export a smaller collection.`;
}

export function tooManyEntriesMessage(count: number): string {
  return (
    `The library has ${count.toLocaleString("en-US")} entries; the limit is ` +
    `${MAX_LIBRARY_ENTRIES.toLocaleString("en-US")}. Export a smaller collection.`
  );
}

export function binaryFileMessage(kind: "pdf" | "binary"): string {
  const what = kind === "pdf" ? "This is a PDF" : "This is a binary file";
  return `${what}, not a library export. ${ACCEPTED_FORMATS}`;
}

/** @param problem what stopped the reading, e.g. `line 14 "@article{foo, …" is not valid` */
export function unreadableMessage(format: LibraryFormat, problem: string): string {
  return `Could not read this as ${FORMAT_NAMES[format]}: ${problem}. ${ACCEPTED_FORMATS}`;
}

export function unexpectedFailureMessage(): string {
  return `Could not read this library. ${ACCEPTED_FORMATS}`;
}
