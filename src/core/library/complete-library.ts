import type { Paper } from "../paper.js";
import type { LibraryPaper } from "../records.js";
import { MAX_LIBRARY_PAPERS } from "../records.js";
import type { PaperLookup } from "./paper-lookup.js";
import { errorMessage } from "../error-message.js";

/** What completing an import did, for the reply. */
export interface CompletedLibrary {
  /** Newest first (year, then the file's order), at most MAX_LIBRARY_PAPERS. */
  papers: LibraryPaper[];
  /** Entries known by an arXiv id only that neither the corpus nor arXiv could name. */
  unknownIds: string[];
  /** Entries beyond MAX_LIBRARY_PAPERS, left out (the oldest). */
  dropped: number;
  /** Why arXiv could not be asked, when it could not (the entries then keep what the file said). */
  lookupFailure?: string;
}

/**
 * Fills in what imported entries lack from the corpus, then from `lookup` (the arXiv API): an
 * entry with an arXiv id takes the title, abstract, authors and year it is missing. Entries left
 * with no title at all are dropped (named in `unknownIds`); entries with a title and no abstract
 * are kept on their title.
 */
export async function completeLibrary(
  entries: readonly LibraryPaper[],
  stored: PaperLookup,
  lookup: PaperLookup | undefined,
): Promise<CompletedLibrary> {
  const ids = entries.flatMap((entry) => (entry.arxivId ? [entry.arxivId] : []));
  const known = new Map((ids.length > 0 ? await stored(ids) : []).map((paper) => [paper.id, paper]));
  let completed = entries.map((entry) =>
    withPaper(entry, entry.arxivId ? known.get(entry.arxivId) : undefined),
  );
  let lookupFailure: string | undefined;
  // No more than a library keeps: asking arXiv about the rest would only be thrown away.
  const missing = completed
    .filter((entry) => entry.arxivId && !entry.abstract)
    .map((entry) => entry.arxivId as string)
    .slice(0, MAX_LIBRARY_PAPERS);
  if (missing.length > 0 && lookup) {
    try {
      const found = new Map((await lookup(missing)).map((paper) => [paper.id, paper]));
      completed = completed.map((entry) =>
        withPaper(entry, entry.arxivId ? found.get(entry.arxivId) : undefined),
      );
    } catch (error) {
      lookupFailure = errorMessage(error);
    }
  }
  const unknownIds = completed.filter((entry) => !entry.title).map((entry) => entry.arxivId ?? "");
  const named = completed.filter((entry) => entry.title);
  const newestFirst = named
    .map((entry, at) => ({ entry, at }))
    .sort((a, b) => (b.entry.year ?? 0) - (a.entry.year ?? 0) || a.at - b.at)
    .map(({ entry }) => entry);
  const papers = newestFirst.slice(0, MAX_LIBRARY_PAPERS);
  const result: CompletedLibrary = { papers, unknownIds, dropped: newestFirst.length - papers.length };
  return lookupFailure === undefined ? result : { ...result, lookupFailure };
}

/** The entry with what it lacks taken from `paper` (what the file said wins). */
function withPaper(entry: LibraryPaper, paper: Paper | undefined): LibraryPaper {
  if (!paper) return entry;
  const filled: LibraryPaper = { ...entry, title: entry.title || paper.title };
  if (!entry.abstract && paper.abstract) filled.abstract = paper.abstract;
  if (entry.authors.length === 0) filled.authors = paper.authors.slice(0, 50);
  const year = paper.publishedAt ? Number(paper.publishedAt.slice(0, 4)) : Number.NaN;
  if (entry.year === undefined && Number.isInteger(year)) filled.year = year;
  return filled;
}
