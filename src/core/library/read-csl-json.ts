import type { CslItem } from "./citation-js.js";
import { cleanCslItem, isRecord } from "./citation-js.js";
import type { EntryOutcome } from "./from-csl.js";
import { entryFromCsl } from "./from-csl.js";
import { lineNumberAt, splitLines } from "./lines.js";
import { quote } from "./quote.js";
import type { FormatReading } from "./reading.js";

/**
 * Reads CSL-JSON: an array of CSL items (Zotero's "Export → CSL JSON"), an object with an `items`
 * array, or a single item. Each item is cleaned by citation-js (string dates and names repaired,
 * wrongly typed fields dropped) before it is read.
 */
export function readCslJson(text: string): FormatReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { slots: [], firstProblem: jsonProblem(text, error) };
  }
  const items = itemsOf(data);
  if (items === undefined) return { slots: [], firstProblem: "it is JSON, but not a list of CSL items" };
  return { slots: items.map((item) => () => entryFromItem(item)) };
}

function itemsOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return undefined;
  if (Array.isArray(data.items)) return data.items;
  return typeof data.title === "string" || typeof data.type === "string" ? [data] : undefined;
}

function entryFromItem(item: unknown): EntryOutcome {
  if (!isRecord(item)) return { reason: "not a CSL item (an object)" };
  let cleaned: CslItem | undefined;
  try {
    cleaned = cleanCslItem(item);
  } catch {
    // citation-js gave up on some field (absurdly nested, say); the item is still read field by field.
  }
  return entryFromCsl(cleaned ?? item);
}

/**
 * The line JSON.parse stopped at. Node reports a character position ("… in JSON at position 812");
 * an early end of the text ("Unexpected end of JSON input") is shown as its last line.
 */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /at position (\d+)/.exec(message)?.[1];
  const lines = splitLines(text);
  let number = position === undefined ? lastNonBlankLine(lines) : lineNumberAt(text, Number(position));
  if ((lines[number - 1] ?? "").trim() === "") number = lastNonBlankLine(lines);
  return `line ${number} ${quote(lines[number - 1] ?? "")} is not valid JSON`;
}

function lastNonBlankLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i] ?? "").trim() !== "") return i + 1;
  return 1;
}
