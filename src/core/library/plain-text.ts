/**
 * Rich-text markup that reaches titles and abstracts: citation-js renders \emph, \textbf, \textsc and
 * subscripts as CSL's HTML subset, Zotero stores the same subset, and Crossref abstracts arrive as JATS.
 * Only these tags are removed, so a literal "a < b" in a title survives.
 */
const MARKUP_TAG = /<\/?(?:i|b|em|strong|sup|sub|sc|span|p|br|jats:[a-z-]+)(?:\s[^<>]*)?\/?>/gi;

/** Control characters, bidi overrides/isolates and the BOM: invisible, and able to garble a chat message. */
export const INVISIBLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** LaTeX font commands citation-js leaves inside math (e.g. "$\mathcal{O}(n)$" → "\mathcalO(n)"). */
const LATEX_FONT_COMMAND = /\\(?:math[a-z]+|text[a-z]+|operatorname|mbox|emph)\s*/g;
/** Any other command left over ("\log" → "log"); citation-js already turned the known ones into Unicode. */
const LATEX_COMMAND = /\\([a-zA-Z]+|.)/g;

const ENTITIES = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ["nbsp", " "],
]);

/**
 * `text` as one line of plain text: markup and leftover LaTeX removed, entities decoded, invisible
 * characters dropped, whitespace collapsed, and at most `maxChars` characters (an ellipsis marks a cut).
 */
export function plainText(text: string, maxChars: number): string {
  const plain = text
    .replace(MARKUP_TAG, "")
    .replace(LATEX_FONT_COMMAND, "")
    .replace(LATEX_COMMAND, "$1")
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, decodeEntity)
    .replace(/[\t\n\r]/g, " ")
    .replace(INVISIBLE_CHARACTERS, "")
    .replace(/\s+/g, " ")
    .trim();
  return clip(plain, maxChars);
}

/** At most `maxChars` characters (code points, so no emoji is cut in half), "…" marking a cut. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // A code point is at most two UTF-16 units, so the first maxChars of them lie in twice as many units.
  const chars = Array.from(text.slice(0, maxChars * 2));
  if (chars.length <= maxChars && text.length <= maxChars * 2) return text;
  return chars
    .slice(0, maxChars - 1)
    .join("")
    .trimEnd()
    .concat("…");
}

function decodeEntity(whole: string, name: string): string {
  if (name.startsWith("#")) {
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : "";
  }
  return ENTITIES.get(name.toLowerCase()) ?? whole;
}
