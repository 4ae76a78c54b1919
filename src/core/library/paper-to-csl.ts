import type { Paper } from "../paper.js";
import { arxivIdOf } from "./arxiv-id.js";
import type { CslItem } from "./citation-js.js";
import { exportText } from "./export-text.js";
import type { CslName } from "./split-name.js";
import { splitName } from "./split-name.js";

/** What every export format is written from: the paper as a CSL item plus what CSL has no field for. */
export interface ExportItem {
  csl: ExportCsl;
  /** Set for arXiv papers: BibTeX's `eprint`. */
  arxivId?: string;
  /** arXiv's primary category (the paper's first): BibTeX's `primaryClass`. */
  primaryClass?: string;
}

/** The CSL fields an export fills; a plain CSL-JSON item. */
export interface ExportCsl extends CslItem {
  id: string;
  "citation-key": string;
  type: "article";
  title: string;
  author?: CslName[];
  issued?: { "date-parts": number[][] };
  abstract?: string;
  URL?: string;
  DOI?: string;
  number?: string;
  publisher?: string;
  keyword?: string;
}

/**
 * A paper as a CSL item, the shape citation-js writes every format from. CSL's type for a preprint is
 * "article" (CSL has no "preprint"). An arXiv paper carries its id the ways reference managers and
 * `parseLibrary` look for it: the abs URL (unless the paper has its own), arXiv's DOI 10.48550/arXiv.<id>,
 * and Zotero's `number` "arXiv:<id>".
 */
export function paperToExportItem(paper: Paper, key: string): ExportItem {
  const arxivId = arxivIdOf(paper.id);
  const csl: ExportCsl = { id: key, "citation-key": key, type: "article", title: exportText(paper.title) };
  const authors = (Array.isArray(paper.authors) ? paper.authors : [])
    .map(splitName)
    .filter((name): name is CslName => name !== undefined);
  if (authors.length > 0) csl.author = authors;
  const date = dateParts(paper.publishedAt);
  if (date !== undefined) csl.issued = { "date-parts": [date] };
  const abstract = typeof paper.abstract === "string" ? exportText(paper.abstract) : "";
  if (abstract !== "") csl.abstract = abstract;
  const url = urlOf(paper, arxivId);
  if (url !== undefined) csl.URL = url;
  const categories = (Array.isArray(paper.categories) ? paper.categories : [])
    .map(exportText)
    .filter((category) => category !== "");
  if (categories.length > 0) csl.keyword = categories.join(", ");

  const item: ExportItem = { csl };
  if (arxivId !== undefined) {
    csl.DOI = `10.48550/arXiv.${arxivId}`;
    csl.number = `arXiv:${arxivId}`;
    csl.publisher = "arXiv";
    item.arxivId = arxivId;
    if (categories[0] !== undefined) item.primaryClass = categories[0];
  }
  return item;
}

/**
 * [year, month, day] as far as `publishedAt` gives them, read from the ISO text itself: a paper
 * announced at 23:00 UTC keeps its UTC date in every time zone.
 */
function dateParts(publishedAt: string | undefined): number[] | undefined {
  if (typeof publishedAt !== "string") return undefined;
  const match = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(publishedAt);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month === undefined || month < 1 || month > 12) return [year];
  if (day === undefined || day < 1 || day > 31) return [year, month];
  return [year, month, day];
}

function urlOf(paper: Paper, arxivId: string | undefined): string | undefined {
  const own = typeof paper.url === "string" ? exportText(paper.url) : "";
  if (/^https?:\/\/\S+$/i.test(own)) return own;
  return arxivId === undefined ? undefined : `https://arxiv.org/abs/${arxivId}`;
}
