import { arxivIdOf } from "./arxiv-id.js";
import { splitLines } from "./lines.js";
import { quote } from "./quote.js";
import type { EntrySlot, FormatReading } from "./reading.js";

/** A comment: "#" at the start of a line or after a space (a "#" inside a URL is a fragment). */
const COMMENT = /(?:^|\s)#.*$/;
/**
 * "arXiv: 2410.12345" and "arXiv 2410.12345" are one id, not two tokens. The two spellings are
 * alternatives so that a long run of spaces is read one way only (no backtracking over it).
 */
const SPACED_PREFIX = /\barxiv(?:\s*:\s*|\s+)(?=\d{4}\.|[a-z-]+(?:\.[a-z-]+)?\/\d)/gi;
/** Quotes, brackets and sentence punctuation around a pasted id. */
const OPENERS = new Set([..."<(\"'["]);
const CLOSERS = new Set([...">)\"'].;:"]);
/** No id or arXiv URL comes close: longer tokens are skipped before any pattern reads them. */
const MAX_TOKEN_CHARS = 300;

/**
 * Reads a pasted or saved list of arXiv ids and URLs: any number per line, separated by spaces, commas
 * or semicolons; blank lines and # comments ignored. Each id becomes an entry with only `arxivId` (the
 * caller fills the rest from its corpus); every other token is skipped by name.
 */
export function readIdList(text: string): FormatReading {
  const slots: EntrySlot[] = [];
  let ids = 0;
  let firstBadLine: string | undefined;
  splitLines(text).forEach((line, index) => {
    const tokens = line
      .replace(COMMENT, "")
      .replace(SPACED_PREFIX, "arXiv:")
      .split(/[\s,;]+/);
    for (const token of tokens) {
      if (token === "") continue;
      const arxivId = token.length > MAX_TOKEN_CHARS ? undefined : arxivIdOf(unwrapped(token));
      if (arxivId !== undefined) {
        ids++;
        const outcome = { entry: { title: "", authors: [], arxivId } };
        slots.push(() => outcome);
      } else {
        const outcome = { reason: `${quote(token)} is not an arXiv id or URL` };
        slots.push(() => outcome);
        firstBadLine ??= `line ${index + 1} ${quote(line)} is not an arXiv id or URL`;
      }
    }
  });
  // With no id at all this is not a list of ids: report the first line rather than every word.
  if (ids === 0) return { slots: [], firstProblem: firstBadLine ?? "it holds no arXiv ids" };
  return { slots };
}

/** The token without the quotes, brackets and punctuation around it. */
function unwrapped(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.has(token[start] as string)) start++;
  while (end > start && CLOSERS.has(token[end - 1] as string)) end--;
  return token.slice(start, end);
}
