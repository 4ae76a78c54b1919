import type { CslItem } from "./citation-js.js";
import { cslToBibtexEntries } from "./citation-js.js";
import { escapeLatex, escapeUrl } from "./latex-escape.js";
import type { ExportItem } from "./paper-to-csl.js";
import type { CslName } from "./split-name.js";

/** A field's value: braced text, or a bare macro such as a month (`month = oct`). */
type FieldValue = { text: string } | { macro: string };

const MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Fields in the order they are written; any other field citation-js writes goes before the abstract. */
const FIELD_ORDER = [
  "title",
  "author",
  "year",
  "month",
  "date",
  "eprint",
  "archivePrefix",
  "primaryClass",
  "doi",
  "url",
  "keywords",
  "abstract",
];

/**
 * `@misc` entries (arXiv's own choice for preprints), as UTF-8 BibTeX. citation-js writes the title,
 * names, year and DOI from the CSL item; the fields its BibTeX mapping leaves out are added: the
 * abstract, arXiv's `eprint`/`archivePrefix`/`primaryClass`, keywords, the month as BibTeX's macro
 * and the full `date` for biblatex. An empty list gives an empty file, which BibTeX reads as no entries.
 */
export function writeBibtex(items: readonly ExportItem[]): string {
  return items.map(formatEntry).join("\n");
}

function formatEntry(item: ExportItem): string {
  const { csl } = item;
  const fields = new Map<string, FieldValue>();
  for (const [field, text] of Object.entries(citationJsFields(csl))) {
    // citation-js's month ("oct 3") is neither a macro nor a number; its howpublished repeats the URL.
    if (field !== "month" && field !== "howpublished" && field !== "url") fields.set(field, { text });
  }
  const [year, month, day] = csl.issued?.["date-parts"][0] ?? [];
  if (year !== undefined) fields.set("year", { text: String(year) });
  const macro = month === undefined ? undefined : MONTH_MACROS[month - 1];
  if (macro !== undefined) fields.set("month", { macro });
  if (year !== undefined && month !== undefined) {
    fields.set("date", {
      text: [year, month, day]
        .filter((part) => part !== undefined)
        .map(pad)
        .join("-"),
    });
  }
  if (item.arxivId !== undefined) {
    fields.set("eprint", { text: item.arxivId });
    fields.set("archivePrefix", { text: "arXiv" });
    if (item.primaryClass !== undefined) fields.set("primaryClass", { text: escapeLatex(item.primaryClass) });
  }
  if (csl.URL !== undefined) fields.set("url", { text: escapeUrl(csl.URL) });
  if (csl.keyword !== undefined) fields.set("keywords", { text: escapeLatex(csl.keyword) });
  if (csl.abstract !== undefined) fields.set("abstract", { text: escapeLatex(csl.abstract) });

  const lines = orderedFields(fields).map(([field, value]) =>
    "macro" in value ? `  ${field} = ${value.macro},` : `  ${field} = {${value.text}},`,
  );
  return [`@misc{${csl["citation-key"]},`, ...lines, "}", ""].join("\n");
}

/**
 * What citation-js writes for the item, its text LaTeX-escaped first (see `cslToBibtexEntries`). Should
 * it fail on some field, the title alone is tried, and at worst the title is written without it.
 */
function citationJsFields(csl: ExportItem["csl"]): Record<string, string> {
  const escaped: CslItem = { ...csl, title: escapeLatex(csl.title) };
  if (csl.author !== undefined) escaped.author = csl.author.map(escapeName);
  const titleOnly: CslItem = {
    id: csl.id,
    "citation-key": csl["citation-key"],
    type: csl.type,
    title: escaped.title,
  };
  for (const attempt of [escaped, titleOnly]) {
    try {
      const entry = cslToBibtexEntries([attempt])[0];
      if (entry !== undefined) return textFields(entry.properties);
    } catch {
      // The next attempt has less for citation-js to trip over.
    }
  }
  return { title: String(escaped.title) };
}

/**
 * A name's parts as LaTeX, with a word "and" braced: BibTeX splits the author list at every " and "
 * outside braces, so "Tom and Jerry Smith" would otherwise become two people.
 */
function escapeName(name: CslName): CslName {
  return Object.fromEntries(
    Object.entries(name).map(([part, text]) => [
      part,
      escapeLatex(text).replace(/(^|\s)(and)(?=\s|$)/gi, "$1{$2}"),
    ]),
  );
}

function textFields(properties: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(properties)) {
    if (typeof value === "string" && value !== "") fields[field] = value;
  }
  return fields;
}

function orderedFields(fields: Map<string, FieldValue>): [string, FieldValue][] {
  const rank = (field: string): number => {
    const index = FIELD_ORDER.indexOf(field);
    return index < 0 ? FIELD_ORDER.indexOf("abstract") - 0.5 : index;
  };
  return [...fields].sort(([a], [b]) => rank(a) - rank(b));
}

function pad(part: number): string {
  return String(part).padStart(2, "0");
}
