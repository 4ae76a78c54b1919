/**
 * Archives of the pre-2007 scheme ("hep-th/9901001"). A fixed list keeps "and/or/1234567"-like text in
 * notes from passing as an id.
 */
const OLD_ARCHIVES = new Set([
  "acc-phys",
  "adap-org",
  "alg-geom",
  "ao-sci",
  "astro-ph",
  "atom-ph",
  "bayes-an",
  "chao-dyn",
  "chem-ph",
  "cmp-lg",
  "comp-gas",
  "cond-mat",
  "cs",
  "dg-ga",
  "funct-an",
  "gr-qc",
  "hep-ex",
  "hep-lat",
  "hep-ph",
  "hep-th",
  "math",
  "math-ph",
  "mtrl-th",
  "nlin",
  "nucl-ex",
  "nucl-th",
  "patt-sol",
  "physics",
  "plasm-ph",
  "q-alg",
  "q-bio",
  "quant-ph",
  "solv-int",
  "supr-con",
]);

/** An id of either scheme, optionally versioned; group 1 is the id. `(?!\d)` stops 2410.123456 matching. */
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[a-z-]+)?\/\d{7})(?:v\d+)?(?!\d)`;

/** Where an id may sit inside longer text, most explicit first. */
const ID_IN_TEXT = [
  // https://arxiv.org/abs/2410.12345v1, /pdf/2410.12345.pdf, export.arxiv.org/abs/hep-th/9901001
  new RegExp(String.raw`arxiv\.org\/(?:abs|pdf|html|format|ps)\/+(?:arxiv:)?` + ID, "gi"),
  // DOI 10.48550/arXiv.2410.12345
  new RegExp(String.raw`10\.48550\/arxiv\.` + ID, "gi"),
  // "arXiv:2410.12345", "arXiv preprint arXiv:2410.12345", "arXiv preprint 2410.12345", "arXiv 2410.12345"
  new RegExp(String.raw`arxiv(?:\s+(?:preprint|e-?prints?))?\s*:?\s*` + ID, "gi"),
];
const BARE_ID = new RegExp(String.raw`^\s*` + ID + String.raw`\s*$`, "i");

/** Bounds the regex work on hostile input: an id sits near the start of any field that holds one. */
const MAX_SCANNED_CHARS = 2_000;

/**
 * The arXiv id in a field of a library entry or a line of a list, normalised without version
 * ("2410.12345", "hep-th/9901001"; an old id's subject class is dropped: "math.GT/0309136" → "math/0309136").
 * Undefined when the text holds none.
 *
 * @example arxivIdOf("arXiv preprint arXiv:1810.04805") // "1810.04805"
 * @example arxivIdOf("https://arxiv.org/pdf/2410.12345v2.pdf") // "2410.12345"
 */
export function arxivIdOf(text: string): string | undefined {
  if (typeof text !== "string") return undefined;
  const scanned = text.slice(0, MAX_SCANNED_CHARS);
  const bare = BARE_ID.exec(scanned)?.[1];
  const bareId = bare === undefined ? undefined : normaliseArxivId(bare);
  if (bareId !== undefined) return bareId;
  for (const pattern of ID_IN_TEXT) {
    for (const match of scanned.matchAll(pattern)) {
      const id = match[1] === undefined ? undefined : normaliseArxivId(match[1]);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

/** The canonical form of an unversioned id, or undefined when it cannot be a real arXiv id. */
function normaliseArxivId(raw: string): string | undefined {
  const modern = /^(\d{2})(\d{2})\.(\d{4,5})$/.exec(raw);
  if (modern) {
    const [, yy = "", mm = "", serial = ""] = modern;
    const yymm = Number(yy + mm);
    const month = Number(mm);
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    // Four-digit serials until 2014-12, five from 2015-01.
    if (serial.length !== (yymm <= 1412 ? 4 : 5)) return undefined;
    return raw;
  }
  const old = /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z-]+)?\/(\d{2})(\d{2})\d{3}$/i.exec(raw);
  if (old) {
    const [, archive = "", yy = "", mm = ""] = old;
    const year = Number(yy);
    const month = Number(mm);
    if (!OLD_ARCHIVES.has(archive.toLowerCase()) || month < 1 || month > 12) return undefined;
    if (year > 7 && year < 91) return undefined;
    return `${archive.toLowerCase()}/${raw.slice(raw.indexOf("/") + 1)}`;
  }
  return undefined;
}
