import { errorMessage } from "../error-message.js";
/** The lines of a text, whatever the line endings (exports from Windows tools use CRLF, old Macs CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The 1-based line number of a 0-based character offset. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const char = text.charCodeAt(i);
    // CRLF counts once: the CR is skipped when an LF follows.
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** The first line of an error message, for a skipped entry's reason. */
export function firstLineOf(error: unknown): string {
  const message = errorMessage(error);
  return splitLines(message)[0]?.trim() ?? "";
}
