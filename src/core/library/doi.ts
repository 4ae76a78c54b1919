const DOI_PREFIX = /^(?:doi:\s*|https?:\/\/(?:dx\.|www\.)?doi\.org\/)/i;
const DOI_SHAPE = /^10\.\d{4,9}\/\S+$/;
const MAX_DOI_CHARS = 300;

/**
 * A DOI as stored on an entry: lower-cased, without `doi:` or `https://doi.org/`, LaTeX escapes such as
 * `\_` undone (BibTeX exports escape them). Undefined when the text is not a DOI.
 *
 * @example normaliseDoi("https://doi.org/10.1145/3292500.3330701") // "10.1145/3292500.3330701"
 */
export function normaliseDoi(text: string): string | undefined {
  let doi = text.trim().replace(DOI_PREFIX, "");
  if (/^https?:/i.test(text.trim())) doi = decodeUriSafely(doi);
  doi = doi.replace(/\\([_%&#$])/g, "$1").toLowerCase();
  return doi.length <= MAX_DOI_CHARS && DOI_SHAPE.test(doi) ? doi : undefined;
}

/** The DOI in a doi.org link; undefined for any other text. */
export function doiOfUrl(text: string): string | undefined {
  return DOI_PREFIX.test(text.trim()) && /^https?:/i.test(text.trim()) ? normaliseDoi(text) : undefined;
}

function decodeUriSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
