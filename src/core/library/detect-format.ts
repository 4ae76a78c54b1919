import type { LibraryFormat } from "./entry.js";

/** The start of a BibTeX entry: `@article{`, `@misc (`, `@string{`… at the start of a line. */
export const BIBTEX_ENTRY_START = /^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/m;
/** The first line of a RIS record. */
export const RIS_RECORD_START = /^[ \t]*TY {2}-(?: |$)/m;

/**
 * The format of a library, from its content alone (file names lie: Zotero names CSL-JSON ".json" and
 * BibTeX ".bib", but pasted text has no name at all). JSON is recognised by its first character; between
 * BibTeX and RIS the marker met first wins, so an abstract quoting the other format cannot flip it.
 * Anything else is read as a list of arXiv ids/URLs.
 */
export function detectFormat(text: string): LibraryFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === "[" || first === "{") return "csl-json";
  const bibtexAt = text.search(BIBTEX_ENTRY_START);
  const risAt = text.search(RIS_RECORD_START);
  if (bibtexAt >= 0 && (risAt < 0 || bibtexAt < risAt)) return "bibtex";
  if (risAt >= 0) return "ris";
  return "ids";
}
