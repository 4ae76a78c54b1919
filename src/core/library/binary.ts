const SAMPLE_CHARS = 8_192;
/** Share of odd characters above which a text is taken for a decoded binary file. */
const MAX_ODD_SHARE = 0.05;

/**
 * "pdf" or "binary" when `text` is a binary file decoded as text (a PDF of a paper, a zip, an image)
 * rather than a library export; undefined for text. Decoding bytes that are not UTF-8 leaves U+FFFD
 * replacement characters and control characters, which no export contains in bulk.
 */
export function binaryKind(text: string): "pdf" | "binary" | undefined {
  if (text.startsWith("%PDF-")) return "pdf";
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.includes("\u0000")) return "binary";
  // eslint-disable-next-line no-control-regex -- control characters other than tab and line breaks
  const odd = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd > sample.length * MAX_ODD_SHARE ? "binary" : undefined;
}
