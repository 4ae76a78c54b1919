/** C0 and C1 control characters (tabs and line breaks are turned into spaces before these go). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
/** A UTF-16 surrogate without its other half: no file encoding can hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` as one line for an export: RIS holds one line per tag, and stored titles keep arXiv's line
 * breaks. Control characters are dropped, a broken surrogate becomes U+FFFD, runs of spaces become one.
 * Importing collapses whitespace the same way, so nothing a reader sees is lost.
 */
export function exportText(text: string): string {
  if (typeof text !== "string") return "";
  return text
    .replace(/[\t\n\r\u2028\u2029]/g, " ")
    .replace(CONTROL_CHARACTERS, "")
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/\s+/g, " ")
    .trim();
}
