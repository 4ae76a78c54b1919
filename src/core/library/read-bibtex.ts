import type { BibtexEntry, CslItem } from "./citation-js.js";
import { bibtexEntryToCsl, parseBibtexText } from "./citation-js.js";
import type { EntryOutcome } from "./from-csl.js";
import { entryFromCsl } from "./from-csl.js";
import { splitLines } from "./lines.js";
import { quote, withErrorDetail } from "./quote.js";
import type { EntrySlot, FormatReading } from "./reading.js";

/**
 * The fields a library entry is made from. Only these reach citation-js's LaTeX reader: Zotero's `file`
 * paths, `keywords` and the like are never shown, and any one of them could make a whole entry fail.
 */
const USED_FIELDS = [
  "title",
  "author",
  "year",
  "date",
  "abstract",
  "doi",
  "url",
  "journal",
  "journaltitle",
  "note",
  "howpublished",
  "eprint",
  "archiveprefix",
  "eprinttype",
];

/**
 * Reads BibTeX or BibLaTeX. The whole file is parsed at once when it can be; when citation-js rejects it,
 * it is cut at lines starting with "@" so the good entries are still imported and each bad one is named
 * by its line.
 */
export function readBibtex(text: string): FormatReading {
  let entries: BibtexEntry[];
  try {
    entries = parseBibtexText(text);
  } catch {
    return readEntryByEntry(text);
  }
  return { slots: entries.map((entry) => () => entryFromBibtex(entry)) };
}

interface Chunk {
  /** 1-based line of the chunk's "@" in the file. */
  firstLine: number;
  lines: string[];
  /** @string, @preamble and @comment: not entries, but @string macros are needed by the entries. */
  isEntry: boolean;
}

interface CheckedChunk extends Chunk {
  /** The entries citation-js read from the chunk alone, or why it could not. */
  read: BibtexEntry[] | { reason: string };
}

function readEntryByEntry(text: string): FormatReading {
  const checked = chunksOf(text).map(checkChunk);
  const good = checked.filter((chunk) => !("reason" in chunk.read));
  const entriesOfGood = good.flatMap((chunk) =>
    chunk.isEntry && Array.isArray(chunk.read) ? chunk.read : [],
  );
  // The good chunks are read again together, so entries see the @string macros defined before them.
  // Kept only if it yields the same entries (it always should, as each chunk parsed on its own).
  const together = parseQuietly(good.map((chunk) => chunk.lines.join("\n")).join("\n"));
  const withMacros = together?.length === entriesOfGood.length ? together : entriesOfGood;

  const slots: EntrySlot[] = [];
  let nextGood = 0;
  for (const chunk of checked) {
    if (!chunk.isEntry) continue;
    if ("reason" in chunk.read) {
      const outcome = { reason: chunk.read.reason };
      slots.push(() => outcome);
      continue;
    }
    for (let i = 0; i < chunk.read.length; i++) {
      const entry = withMacros[nextGood++];
      if (entry !== undefined) slots.push(() => entryFromBibtex(entry));
    }
  }
  return { slots };
}

function chunksOf(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  splitLines(text).forEach((line, index) => {
    if (/^[ \t]*@/.test(line)) {
      const isEntry = !/^[ \t]*@[ \t]*(?:string|preamble|comment)\b/i.test(line);
      chunks.push({ firstLine: index + 1, lines: [line], isEntry });
    } else {
      // Text before the first "@" is a comment to BibTeX, as is text between entries.
      chunks.at(-1)?.lines.push(line);
    }
  });
  return chunks;
}

function checkChunk(chunk: Chunk): CheckedChunk {
  try {
    return { ...chunk, read: parseBibtexText(chunk.lines.join("\n")) };
  } catch (error) {
    return { ...chunk, read: { reason: `line ${badLine(chunk, error)} is not valid` } };
  }
}

/**
 * The line citation-js stopped at, numbered and quoted. When it ran off the end of the chunk (an
 * unclosed brace) or gave no position, the entry's first line is the useful one to show.
 */
function badLine(chunk: Chunk, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const at = /at line (\d+) col/.exec(message)?.[1];
  const index = at !== undefined && !/got EOF/.test(message) ? Number(at) - 1 : 0;
  const line = chunk.lines[index];
  if (line === undefined || line.trim() === "") return `${chunk.firstLine} ${quote(chunk.lines[0] ?? "")}`;
  return `${chunk.firstLine + index} ${quote(line)}`;
}

function parseQuietly(text: string): BibtexEntry[] | undefined {
  try {
    return parseBibtexText(text);
  } catch {
    return undefined;
  }
}

function entryFromBibtex(entry: BibtexEntry): EntryOutcome {
  const used = pickUsedFields(entry);
  let csl: CslItem | undefined;
  try {
    csl = bibtexEntryToCsl(used);
  } catch (error) {
    try {
      csl = bibtexEntryToCsl(withReadableFieldsOnly(used));
    } catch {
      return { reason: withErrorDetail(`entry ${quote(entry.label)} could not be read`, error) };
    }
  }
  if (csl === undefined) return { reason: `entry ${quote(entry.label)} could not be read` };
  const { properties } = entry;
  return entryFromCsl(csl, [
    arxivEprint(properties),
    properties.arxivid, // Mendeley
    properties.howpublished,
    semanticScholarVolume(properties),
  ]);
}

function pickUsedFields(entry: BibtexEntry): BibtexEntry {
  const properties: Record<string, unknown> = {};
  for (const field of USED_FIELDS) {
    if (Object.hasOwn(entry.properties, field)) properties[field] = entry.properties[field];
  }
  return { type: entry.type, label: entry.label, properties };
}

/**
 * The entry without the fields citation-js cannot read on their own (LaTeX it rejects, such as an
 * unbalanced \begin…\end in an abstract): one bad field should not cost the whole entry.
 */
function withReadableFieldsOnly(entry: BibtexEntry): BibtexEntry {
  const properties: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(entry.properties)) {
    try {
      bibtexEntryToCsl({ ...entry, properties: { [field]: value } });
      properties[field] = value;
    } catch {
      // Left out.
    }
  }
  return { ...entry, properties };
}

/** `eprint`, unless `archivePrefix`/`eprintType` says it is another archive's (PubMed, HAL…). */
function arxivEprint(properties: Record<string, unknown>): unknown {
  const archive = properties.archiveprefix ?? properties.eprinttype;
  if (typeof archive === "string" && archive.trim().toLowerCase() !== "arxiv") return undefined;
  return properties.eprint;
}

/** Semantic Scholar and DBLP name arXiv papers `journal = {ArXiv}` (or CoRR), `volume = {abs/1810.04805}`. */
function semanticScholarVolume(properties: Record<string, unknown>): unknown {
  const journal = properties.journal ?? properties.journaltitle;
  if (typeof journal !== "string" || !/^\s*(?:arxiv|corr)\s*$/i.test(journal)) return undefined;
  return typeof properties.volume === "string" ? properties.volume.replace(/^\s*abs\//i, "") : undefined;
}
