/** Cards show about this much of an abstract. */
export const EXCERPT_CHARS = 300;

/**
 * The start of a text, cut at a word boundary near `max` characters with an ellipsis.
 *
 * @example excerpt("Graph neural networks are …", 300)
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  // Only the start is shown: cleaning a long abstract whole would be wasted work.
  const head = text.slice(0, max * 2 + 200);
  const clean = head.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return head.length < text.length ? `${clean}…` : clean;
  const cut = clean.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(" ");
  // A single very long "word" (a URL, a formula) is cut where it is rather than dropped.
  const end = lastSpace >= max * 0.6 ? lastSpace : max;
  return `${clean.slice(0, end).replace(/[\s,;:.–-]+$/u, "")}…`;
}
