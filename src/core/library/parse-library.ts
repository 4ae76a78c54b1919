import { binaryKind } from "./binary.js";
import type { PositionedEntry } from "./dedupe.js";
import { dedupeEntries } from "./dedupe.js";
import { detectFormat } from "./detect-format.js";
import type { LibraryFormat, LibraryReadError, ParsedLibrary, SkippedEntry } from "./entry.js";
import { MAX_LIBRARY_BYTES, MAX_LIBRARY_ENTRIES } from "./entry.js";
import type { EntryOutcome } from "./from-csl.js";
import {
  binaryFileMessage,
  emptyLibraryMessage,
  tooLargeMessage,
  tooManyEntriesMessage,
  unexpectedFailureMessage,
  unreadableMessage,
} from "./messages.js";
import { withErrorDetail } from "./quote.js";
import { readBibtex } from "./read-bibtex.js";
import { readCslJson } from "./read-csl-json.js";
import { readIdList } from "./read-id-list.js";
import { readRis } from "./read-ris.js";
import type { EntrySlot, FormatReading } from "./reading.js";
import { utf8ByteLength } from "./utf8-bytes.js";

const READERS: Record<LibraryFormat, (text: string) => FormatReading> = {
  bibtex: readBibtex,
  ris: readRis,
  "csl-json": readCslJson,
  ids: readIdList,
};

/**
 * The entries of a researcher's exported library: the text of a BibTeX, RIS or CSL-JSON file, or a list
 * of arXiv ids/URLs, told apart by content. A partly bad file gives its good entries and lists the bad
 * ones in `skipped`; a file with nothing usable, too large, or with too many entries gives an error
 * message for the user instead. Never throws.
 */
export function parseLibrary(text: string): ParsedLibrary | LibraryReadError {
  try {
    return parse(text);
  } catch {
    // Every reader already catches per entry; this only keeps the promise should one of them slip.
    return { error: unexpectedFailureMessage() };
  }
}

function parse(text: string): ParsedLibrary | LibraryReadError {
  if (typeof text !== "string") return { error: emptyLibraryMessage() };
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_LIBRARY_BYTES) return { error: tooLargeMessage(bytes) };
  const body = text.replace(/^\ufeff/, ""); // the byte-order mark some Windows tools write
  if (body.trim() === "") return { error: emptyLibraryMessage() };
  const binary = binaryKind(body);
  if (binary !== undefined) return { error: binaryFileMessage(binary) };

  const format = detectFormat(body);
  const reading = READERS[format](body);
  const count = reading.entryCount ?? reading.slots.length;
  if (count > MAX_LIBRARY_ENTRIES) return { error: tooManyEntriesMessage(count) };

  const read: PositionedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  reading.slots.forEach((slot, index) => {
    const outcome = runSlot(slot);
    if ("entry" in outcome) read.push({ position: index + 1, entry: outcome.entry });
    else skipped.push({ position: index + 1, reason: outcome.reason });
  });
  const { kept, repeats } = dedupeEntries(read);

  if (kept.length === 0) {
    return { error: unreadableMessage(format, reading.firstProblem ?? problemOf(skipped[0])) };
  }
  return {
    format,
    entries: kept.map((item) => item.entry),
    skipped: [...skipped, ...repeats].sort((a, b) => a.position - b.position),
  };
}

function runSlot(slot: EntrySlot): EntryOutcome {
  try {
    return slot();
  } catch (error) {
    return { reason: withErrorDetail("could not be read", error) };
  }
}

/** A skipped entry as the reason a whole file failed: its line when the reason names one. */
function problemOf(skipped: SkippedEntry | undefined): string {
  if (skipped === undefined) return "it holds no entries";
  if (/^(?:line|the record|entry) /.test(skipped.reason)) return skipped.reason;
  if (skipped.reason === "no title") return `entry ${skipped.position} has no title`;
  return `entry ${skipped.position}: ${skipped.reason}`;
}
