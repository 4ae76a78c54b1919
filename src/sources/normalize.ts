const NEW_STYLE_ID = /^(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?$/;
const OLD_STYLE_ID = /^([a-z][a-z-]*(?:\.[A-Za-z]{2})?\/\d{7})(?:v\d+)?$/;
const ID_PREFIXES = [
  /^oai:arxiv\.org:/i,
  /^arxiv:/i,
  /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\//i,
  /^https?:\/\/(?:www\.)?huggingface\.co\/papers\//i,
];

/**
 * The arXiv id without version or prefix, or undefined when `raw` holds no arXiv id.
 *
 * @example normalizeArxivId("https://arxiv.org/abs/2410.12345v2") // "2410.12345"
 * @example normalizeArxivId("oai:arXiv.org:hep-th/9901001v3") // "hep-th/9901001"
 */
export function normalizeArxivId(raw: string): string | undefined {
  let id = raw.trim();
  for (const prefix of ID_PREFIXES) id = id.replace(prefix, "");
  id = id
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .replace(/\.pdf$/i, "");

  const modern = NEW_STYLE_ID.exec(id);
  if (modern) {
    const month = Number(modern[2]);
    return month >= 1 && month <= 12 ? `${modern[1]}${modern[2]}.${modern[3]}` : undefined;
  }
  return OLD_STYLE_ID.exec(id)?.[1];
}

/** The canonical abstract page of an arXiv paper. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** Joins hard-wrapped lines with single spaces and collapses runs of whitespace; nothing else changes. */
export function unwrapText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** An ISO 8601 timestamp for any date string `Date` understands, or undefined. */
export function toIsoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const time = Date.parse(raw);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
