import type { Paper } from "../core/paper.js";
import { MalformedPayloadError } from "./errors.js";
import { arxivAbsUrl, normalizeArxivId, toIsoDate, unwrapText } from "./normalize.js";
import { attr, child, children, isNode, parseXml, textOf, type XmlNode } from "./xml.js";

/** One page of an arXiv API answer. `error` is set when arXiv answered its error feed instead. */
export interface ArxivAtomPage {
  papers: Paper[];
  totalResults: number;
  error?: string;
}

/**
 * Reads an arXiv API Atom feed, current (2025+) or legacy (2016–2024) format.
 * Throws MalformedPayloadError for anything that is not a well-formed Atom feed.
 *
 * @example parseArxivAtom(xml).papers[0]?.id // "2202.12139"
 */
export function parseArxivAtom(xml: string): ArxivAtomPage {
  const root = parseXml(xml, "The arXiv API answer", ["entry", "author", "category", "link"]);
  const feed = child(root, "feed");
  if (!feed) throw new MalformedPayloadError("The arXiv API answer is not an Atom feed (no <feed> element)");

  const entries = children(feed, "entry").filter(isNode);
  const errorEntry = entries.find(isErrorEntry);
  if (errorEntry) {
    return {
      papers: [],
      totalResults: 0,
      error: unwrapText(textOf(errorEntry.summary)) || "no reason given",
    };
  }
  const papers = entries.map(entryToPaper).filter((paper) => paper !== undefined);
  const total = Number.parseInt(textOf(feed.totalResults), 10);
  return { papers, totalResults: Number.isNaN(total) ? papers.length : total };
}

/** arXiv reports a refused query as a feed whose single entry is titled "Error" and has no paper id. */
function isErrorEntry(entry: XmlNode): boolean {
  return unwrapText(textOf(entry.title)) === "Error" && normalizeArxivId(textOf(entry.id)) === undefined;
}

function entryToPaper(entry: XmlNode): Paper | undefined {
  const id = normalizeArxivId(textOf(entry.id));
  const title = unwrapText(textOf(entry.title));
  if (!id || !title) return undefined;

  const authors = children(entry, "author")
    .filter(isNode)
    .map((author) => unwrapText(textOf(author.name)))
    .filter((name) => name !== "");
  const paper: Paper = {
    id,
    title,
    abstract: unwrapText(textOf(entry.summary)),
    authors,
    url: arxivAbsUrl(id),
    categories: categoriesOf(entry),
    sources: ["arxiv"],
  };
  const publishedAt = toIsoDate(textOf(entry.published));
  if (publishedAt) paper.publishedAt = publishedAt;
  return paper;
}

/** The primary category first, then the others, each once. */
function categoriesOf(entry: XmlNode): string[] {
  const primary = attr(entry.primary_category, "term");
  const terms = children(entry, "category").map((category) => attr(category, "term"));
  const all = [primary, ...terms].filter((term): term is string => Boolean(term));
  return [...new Set(all)];
}
