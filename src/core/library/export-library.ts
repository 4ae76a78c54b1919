import type { Paper } from "../paper.js";
import { cslToJson } from "./citation-js.js";
import { citationKeys } from "./citation-keys.js";
import type { ExportItem } from "./paper-to-csl.js";
import { paperToExportItem } from "./paper-to-csl.js";
import { quote } from "./quote.js";
import { writeBibtex } from "./write-bibtex.js";
import { writeRis } from "./write-ris.js";

export type ExportFormat = "bibtex" | "ris" | "csl";

export const EXPORT_FORMATS: readonly ExportFormat[] = ["bibtex", "ris", "csl"];

/** A reading list written as a file, ready to attach to a message. */
export interface ExportedLibrary {
  text: string;
  fileName: string;
  mimeType: string;
}

const FORMAT_WORDS: Record<string, ExportFormat> = {
  bibtex: "bibtex",
  bib: "bibtex",
  ris: "ris",
  csl: "csl",
  "csl-json": "csl",
  json: "csl",
};

const FILES: Record<ExportFormat, { fileName: string; mimeType: string }> = {
  bibtex: { fileName: "reading-list.bib", mimeType: "application/x-bibtex" },
  ris: { fileName: "reading-list.ris", mimeType: "application/x-research-info-systems" },
  csl: { fileName: "reading-list.json", mimeType: "application/vnd.citationstyles.csl+json" },
};

const WRITERS: Record<ExportFormat, (items: readonly ExportItem[]) => string> = {
  bibtex: writeBibtex,
  ris: writeRis,
  csl: (items) => `${cslToJson(items.map((item) => item.csl))}\n`,
};

const USAGE = "Use /export [bibtex|ris|csl]";

/**
 * The format a user asked for: "bibtex"/"bib", "ris", "csl"/"csl-json"/"json", in any case; nothing
 * means BibTeX. Anything else gives a message naming the valid forms.
 */
export function parseExportFormat(text: string): ExportFormat | { error: string } {
  const word = typeof text === "string" ? text.trim().toLowerCase() : "";
  if (word === "") return "bibtex";
  const format = Object.hasOwn(FORMAT_WORDS, word) ? FORMAT_WORDS[word] : undefined;
  if (format !== undefined) return format;
  return { error: `${quote(text)} is not an export format. ${USAGE}` };
}

/**
 * The papers as a BibTeX, RIS or CSL-JSON file, in the order given. Each entry has the title, authors,
 * date, abstract and URL; an arXiv paper also its id (BibTeX `eprint`, arXiv's DOI, "arXiv:<id>"), so
 * importing the file with `parseLibrary` gives the same papers back. Citation keys are
 * "family + year + first title word", with "a", "b"… for repeats. An empty list gives a valid empty file.
 * Never throws.
 */
export function exportPapers(papers: readonly Paper[], format: ExportFormat): ExportedLibrary {
  const chosen = Object.hasOwn(FILES, format) ? format : "bibtex";
  const list = Array.isArray(papers) ? papers.filter(isPaper) : [];
  let text: string;
  try {
    const keys = citationKeys(list);
    text = WRITERS[chosen](
      list.map((paper, index) => paperToExportItem(paper, keys[index] ?? `paper${index}`)),
    );
  } catch {
    // Each writer already copes with an entry citation-js rejects; this only keeps the promise.
    text = chosen === "csl" ? "[]\n" : "";
  }
  return { text, ...FILES[chosen] };
}

function isPaper(value: unknown): value is Paper {
  return typeof value === "object" && value !== null && typeof (value as Paper).id === "string";
}
