import { firstLineOf } from "./lines.js";
import { clip, INVISIBLE_CHARACTERS } from "./plain-text.js";

const MAX_QUOTED_CHARS = 60;
const MAX_DETAIL_CHARS = 100;

/**
 * A piece of the user's file, quoted for a message: invisible characters removed, whitespace collapsed,
 * clipped to about 60 characters so a hostile or binary line cannot flood the reply.
 */
export function quote(text: string): string {
  return `"${oneLine(text, MAX_QUOTED_CHARS)}"`;
}

/**
 * `reason` followed by the first line of the parser's error in brackets, cleaned like a quote (it may
 * repeat the user's text). A TypeError (a slip inside the parser) or a stack overflow (absurd nesting)
 * says nothing useful to the user and is left out.
 */
export function withErrorDetail(reason: string, error: unknown): string {
  if (error instanceof TypeError || (error instanceof RangeError && /call stack/i.test(error.message))) {
    return reason;
  }
  const detail = oneLine(firstLineOf(error), MAX_DETAIL_CHARS);
  return detail === "" ? reason : `${reason} (${detail})`;
}

function oneLine(text: string, maxChars: number): string {
  const line = text.slice(0, 1_000).replace(/\s+/g, " ").replace(INVISIBLE_CHARACTERS, "").trim();
  return clip(line, maxChars);
}
