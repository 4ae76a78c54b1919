import type { CslItem } from "./citation-js.js";
import { parseRisText, risRecordToCsl } from "./citation-js.js";
import type { EntryOutcome } from "./from-csl.js";
import { entryFromCsl } from "./from-csl.js";
import { splitLines } from "./lines.js";
import { quote, withErrorDetail } from "./quote.js";
import type { EntrySlot, FormatReading } from "./reading.js";

/** A tag line as citation-js reads it (after trimming): two capitals/digits, two spaces, a dash. */
const TAG_LINE = /^[A-Z][A-Z0-9] {2}-(?: |$)/;

/**
 * Raw tags that may hold an arXiv id. They are read as well as the CSL citation-js makes, which keeps
 * one value of a repeated tag and one of T2/JO/JF for the container title.
 */
const ARXIV_TAGS = ["UR", "L1", "L2", "DO", "JO", "JF", "JA", "J2", "T2", "N1", "M1"];

/**
 * Reads RIS, one record (from "TY  - " to "ER  - ") at a time, so a bad record costs only itself.
 * Tag lines outside any record (a record whose TY line was lost) are reported as one bad entry.
 */
export function readRis(text: string): FormatReading {
  const slots: EntrySlot[] = [];
  let record: { firstLine: number; lines: string[] } | undefined;
  let outsideRecord = false;
  const closeRecord = (): void => {
    if (record === undefined) return;
    const { firstLine, lines } = record;
    slots.push(() => entryFromRisRecord(lines.join("\n"), firstLine));
    record = undefined;
  };

  splitLines(text).forEach((line, index) => {
    const trimmed = line.trim();
    if (/^TY {2}-/.test(trimmed)) {
      closeRecord();
      // citation-js drops a record whose TY is blank; the type does not matter here, so say "generic".
      record = { firstLine: index + 1, lines: [/^TY {2}-\s*$/.test(trimmed) ? "TY  - GEN" : line] };
      outsideRecord = false;
    } else if (record !== undefined) {
      record.lines.push(line);
      if (/^ER {2}-/.test(trimmed)) closeRecord();
    } else if (TAG_LINE.test(trimmed) && !outsideRecord) {
      const outcome = {
        reason: `line ${index + 1} ${quote(line)} is outside a record (no "TY  - " line before it)`,
      };
      slots.push(() => outcome);
      outsideRecord = true;
    }
  });
  closeRecord();
  return { slots };
}

function entryFromRisRecord(text: string, firstLine: number): EntryOutcome {
  let record: Record<string, unknown> | undefined;
  let csl: CslItem | undefined;
  try {
    record = parseRisText(text)[0];
    csl = record === undefined ? undefined : toCslDroppingBadTags(record);
  } catch (error) {
    return { reason: withErrorDetail(`the record at line ${firstLine} could not be read`, error) };
  }
  if (record === undefined || csl === undefined) {
    return {
      reason: `the record at line ${firstLine} ${quote(splitLines(text)[0] ?? "")} could not be read`,
    };
  }
  const raw = record;
  return entryFromCsl(
    csl,
    ARXIV_TAGS.map((tag) => raw[tag]),
  );
}

/**
 * citation-js rejects a whole record over one odd tag ("Failed to convert DA,PY to issued" for a
 * repeated PY); the record is read again without the tags it names.
 */
function toCslDroppingBadTags(record: Record<string, unknown>): CslItem | undefined {
  try {
    return risRecordToCsl(record);
  } catch (error) {
    const tags = /Failed to convert ([A-Z0-9, ]+) to/.exec(error instanceof Error ? error.message : "")?.[1];
    if (tags === undefined) throw error;
    const rest = { ...record };
    for (const tag of tags.split(",")) delete rest[tag.trim()];
    return risRecordToCsl(rest);
  }
}
