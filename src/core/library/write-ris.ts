import type { CslItem } from "./citation-js.js";
import { cslToRisRecords } from "./citation-js.js";
import type { ExportItem } from "./paper-to-csl.js";

/** RIS's line ending, as its specification and Zotero's exports have it. */
const EOL = "\r\n";

/**
 * RIS records, one per item, as citation-js maps CSL to RIS tags (TI, AU "Family, Given", PY/DA, AB,
 * UR, DO, C7 "arXiv:<id>", KW). The lines are written here: citation-js's own text output breaks every
 * value after 70 characters (mid-word, even inside an emoji), and a reader joins the pieces with a
 * space, so long titles and abstracts would not come back as they were. An empty list gives an empty file.
 */
export function writeRis(items: readonly ExportItem[]): string {
  return items.map((item) => formatRecord(item.csl)).join(EOL);
}

function formatRecord(csl: CslItem): string {
  const tags = risTags(csl);
  const lines = [`TY  - ${typeof tags.TY === "string" ? tags.TY : "GEN"}`];
  for (const [tag, value] of Object.entries(tags)) {
    // ID (the citation key) is a tag of the old RIS version: citation-js then reads the record as old
    // RIS, where AB is a note, not the abstract, unless a tag only the new version has (PY, DO…) is there.
    if (tag === "TY" || tag === "ER" || tag === "ID") continue;
    for (const text of valuesOf(value)) lines.push(`${tag}  - ${text}`);
  }
  lines.push("ER  - ");
  return lines.join(EOL) + EOL;
}

/** citation-js's tags for the item; should it fail, the title and URL alone. */
function risTags(csl: CslItem): Record<string, unknown> {
  try {
    const record = cslToRisRecords([csl])[0];
    if (record !== undefined) return record;
  } catch {
    // Written from the plain fields below.
  }
  return { TY: "GEN", TI: csl.title, UR: csl.URL };
}

/** A tag's values as single lines; AU and KW repeat the tag once per value. */
function valuesOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((part): part is string | number => typeof part === "string" || typeof part === "number")
    .map((part) => String(part).replace(/\s+/g, " ").trim())
    .filter((text) => text !== "");
}
