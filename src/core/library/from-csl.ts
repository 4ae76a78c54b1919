import { arxivIdOf } from "./arxiv-id.js";
import type { CslItem } from "./citation-js.js";
import { isRecord } from "./citation-js.js";
import { doiOfUrl, normaliseDoi } from "./doi.js";
import type { LibraryEntry } from "./entry.js";
import { MAX_ABSTRACT_CHARS, MAX_AUTHORS, MAX_TITLE_CHARS } from "./entry.js";
import { plainText } from "./plain-text.js";

/** What reading one entry of a file gives: the entry, or why it was left out. */
export type EntryOutcome = { entry: LibraryEntry } | { reason: string };

/** CSL fields where exports put an arXiv id: Zotero's `number` "arXiv:2305.01234", Scholar's journal… */
const ARXIV_FIELDS = ["DOI", "URL", "number", "container-title", "note"] as const;

const MAX_AUTHOR_CHARS = 200;
const EARLIEST_YEAR = 1600;
const LATEST_YEAR = 2199;

/**
 * The library entry for one CSL item (what citation-js makes of every format).
 * `arxivSources` are format-specific raw fields searched first, e.g. BibTeX's `eprint`.
 */
export function entryFromCsl(item: CslItem, arxivSources: readonly unknown[] = []): EntryOutcome {
  const title = typeof item.title === "string" ? plainText(item.title, MAX_TITLE_CHARS) : "";
  const arxivId = firstArxivId([...arxivSources, ...ARXIV_FIELDS.map((field) => item[field])]);
  if (title === "" && arxivId === undefined) return { reason: "no title" };

  const entry: LibraryEntry = { title, authors: authorsOf(item.author) };
  const abstract = typeof item.abstract === "string" ? plainText(item.abstract, MAX_ABSTRACT_CHARS) : "";
  if (abstract !== "") entry.abstract = abstract;
  const year = yearOf(item.issued);
  if (year !== undefined) entry.year = year;
  if (arxivId !== undefined) entry.arxivId = arxivId;
  const doi = doiOf(item);
  if (doi !== undefined) entry.doi = doi;
  return { entry };
}

function firstArxivId(sources: readonly unknown[]): string | undefined {
  for (const source of sources) {
    for (const text of textsOf(source)) {
      const id = arxivIdOf(text);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

/** A field's text values: RIS repeats tags as arrays, CSL `number` may be a number. */
function textsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.filter((part): part is string => typeof part === "string");
  return [];
}

/** The publisher's DOI; arXiv's own (10.48550/arXiv.*) is left out, it only restates the arXiv id. */
function doiOf(item: CslItem): string | undefined {
  const candidates = [
    typeof item.DOI === "string" ? normaliseDoi(item.DOI) : undefined,
    typeof item.URL === "string" ? doiOfUrl(item.URL) : undefined,
  ];
  return candidates.find((doi) => doi !== undefined && !doi.startsWith("10.48550/arxiv."));
}

function authorsOf(names: unknown): string[] {
  if (!Array.isArray(names)) return [];
  const authors: string[] = [];
  for (const name of names) {
    if (authors.length >= MAX_AUTHORS) break;
    const author = nameOf(name);
    // BibTeX's "and others" is "et al.", not a person.
    if (author !== "" && author.toLowerCase() !== "others") authors.push(author);
  }
  return authors;
}

/** "Given Family" order: "Jörg Müller", "John von Neumann Jr.", or an organisation's literal name. */
function nameOf(name: unknown): string {
  if (typeof name === "string") return plainText(name, MAX_AUTHOR_CHARS);
  if (!isRecord(name)) return "";
  if (typeof name.literal === "string") return plainText(name.literal, MAX_AUTHOR_CHARS);
  const parts = ["given", "dropping-particle", "non-dropping-particle", "family", "suffix"]
    .map((part) => name[part])
    .filter((part): part is string => typeof part === "string");
  return plainText(parts.join(" "), MAX_AUTHOR_CHARS);
}

/** The year of CSL `issued`: its date parts, else a year inside its raw or literal text ("2019///"). */
function yearOf(issued: unknown): number | undefined {
  if (!isRecord(issued)) return undefined;
  const parts = issued["date-parts"];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? Number(parts[0][0]) : NaN;
  if (Number.isInteger(first)) return plausibleYear(first);
  for (const text of [issued.raw, issued.literal]) {
    const found = typeof text === "string" ? /(?<!\d)(\d{4})(?!\d)/.exec(text)?.[1] : undefined;
    if (found !== undefined) return plausibleYear(Number(found));
  }
  return undefined;
}

function plausibleYear(year: number): number | undefined {
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR ? year : undefined;
}
