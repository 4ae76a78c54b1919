const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes doubled, newlines) into rows of cells.
 * Cells are cut as slices between the characters that matter, not built a character at a time.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      i = quotedEnd(text, i + 1, (part) => (cell += part));
      continue;
    }
    if (char === COMMA || char === LF || char === CR) {
      row.push(cell);
      cell = "";
      if (char !== COMMA) {
        rows.push(row);
        row = [];
        if (char === CR && text.charCodeAt(i + 1) === LF) i++;
      }
      i++;
      continue;
    }
    const end = plainEnd(text, i);
    cell += text.slice(i, end);
    i = end;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Where the unquoted run starting at `from` ends: at the next quote, comma or line break. */
function plainEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === QUOTE || char === COMMA || char === LF || char === CR) break;
    i++;
  }
  return i;
}

/**
 * Hands the text of the quoted run starting at `from` (just past its opening quote) to `take`,
 * doubled quotes as one, and returns the position after its closing quote (or the end of the text).
 */
function quotedEnd(text: string, from: number, take: (part: string) => void): number {
  let i = from;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) {
      take(text.slice(i));
      return text.length;
    }
    take(text.slice(i, quote));
    if (text.charCodeAt(quote + 1) !== QUOTE) return quote + 1;
    take('"');
    i = quote + 2;
  }
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((cells) => cells.some((cell) => cell !== ""))
    .map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}
