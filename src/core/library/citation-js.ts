/**
 * The only door to citation-js. Its parsers are called by explicit type ("@biblatex/text", "@ris/file")
 * and its writers by name ("bibtex", "ris", "data") rather than through `Cite`, whose type guessing also
 * knows URLs, DOIs and Wikidata ids and would fetch them over the network. Every call may throw; callers
 * catch per entry.
 */
import { logger, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";

/** A BibTeX entry as the citation-js grammar reads it: field values still hold LaTeX. */
export interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

export type CslItem = Record<string, unknown>;

/**
 * The data entries of a BibTeX (or BibLaTeX) text; `@string` macros are applied, `@comment`s and text
 * between entries ignored. Throws a SyntaxError whose message says "at line N col M" on bad syntax.
 */
export function parseBibtexText(text: string): BibtexEntry[] {
  return quietly(() => asArray(plugins.input.data(text, "@biblatex/text")).filter(isBibtexEntry));
}

/** One entry as CSL: LaTeX accents and braces resolved, names split, dates parsed. */
export function bibtexEntryToCsl(entry: BibtexEntry): CslItem | undefined {
  return quietly(() => asArray(plugins.input.data([entry], "@biblatex/entries+list")).find(isRecord));
}

/** The records of a RIS text, tag → value (or values when a tag repeats, as AU does). */
export function parseRisText(text: string): Record<string, unknown>[] {
  return quietly(() => asArray(plugins.input.data(text, "@ris/file")).filter(isRecord));
}

/** One RIS record as CSL, by the RIS version (old, new or mixed tags) citation-js recognises. */
export function risRecordToCsl(record: Record<string, unknown>): CslItem | undefined {
  return quietly(() => {
    const type = plugins.input.type(record);
    const csl = plugins.input.data(record, type.startsWith("@ris/") ? type : "@ris/record");
    return isRecord(csl) ? csl : undefined;
  });
}

/** A CSL-JSON item with the fields that do not fit the CSL schema dropped or repaired (string dates…). */
export function cleanCslItem(item: CslItem): CslItem | undefined {
  return quietly(() => plugins.input.util.clean([item]).find(isRecord));
}

/**
 * CSL items as BibTeX entries by citation-js's BibTeX mapping (type, key from `citation-key`, names in
 * "Family, Given" form, capitals in titles braced), one per item in order, field values as BibTeX text.
 * citation-js's ASCII mode is off for the call: it drops every character it has no LaTeX command for
 * (CJK, emoji, "≤"), so text comes out as given and must already be LaTeX-escaped.
 */
export function cslToBibtexEntries(items: readonly CslItem[]): BibtexEntry[] {
  return quietly(() =>
    withBibtexAsciiOnly(false, () =>
      asArray(plugins.output.format("bibtex", [...items], { format: "object" })).filter(isBibtexEntry),
    ),
  );
}

/** CSL items as RIS records (tag → value, or values for AU/KW), by citation-js's RIS mapping. */
export function cslToRisRecords(items: readonly CslItem[]): Record<string, unknown>[] {
  return quietly(() =>
    asArray(plugins.output.format("ris", [...items], { format: "object" })).filter(isRecord),
  );
}

/** CSL items as CSL-JSON text (an array, two-space indented), by citation-js's "data" output. */
export function cslToJson(items: readonly CslItem[]): string {
  return quietly(() => {
    const text = plugins.output.format("data", [...items], { format: "text" });
    if (typeof text !== "string") throw new TypeError("citation-js gave no CSL-JSON text");
    return text;
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBibtexEntry(value: unknown): value is BibtexEntry {
  return (
    isRecord(value) &&
    typeof value.type === "string" &&
    typeof value.label === "string" &&
    isRecord(value.properties)
  );
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Runs `write` with citation-js's BibTeX `asciiOnly` setting as given. The setting is global to the
 * process, so it is put back afterwards; the call is synchronous, so nothing else sees the change.
 */
function withBibtexAsciiOnly<T>(asciiOnly: boolean, write: () => T): T {
  const config = plugins.config.get("@bibtex");
  const format = isRecord(config) && isRecord(config.format) ? config.format : undefined;
  if (format === undefined) return write();
  const before = format.asciiOnly;
  format.asciiOnly = asciiOnly;
  try {
    return write();
  } finally {
    format.asciiOnly = before;
  }
}

/**
 * citation-js keeps every warning in `logger._log`, even when silent, for the life of the process: a
 * long-running bot reading many libraries would grow it without end, so it is emptied after each call.
 */
function quietly<T>(read: () => T): T {
  try {
    return read();
  } finally {
    if (Array.isArray(logger._log)) logger._log.length = 0;
  }
}
