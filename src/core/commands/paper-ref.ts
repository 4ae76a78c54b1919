/** What `like`, `dislike`, `similar` and `paper` accept, for error messages. */
export const PAPER_REF_FORMS =
  "an arXiv id like 2410.12345 (a version such as v2 is ignored), an arXiv link like https://arxiv.org/abs/2410.12345, or the id shown on a card";

const NEW_ARXIV_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/i;
const OLD_ARXIV_ID = /^([a-z-]+(?:\.[a-z]{2})?\/\d{7})(v\d+)?$/i;
const SEED_ID = /^hf-[0-9a-f]{8}$/i;
const ARXIV_PATH = /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/i;
const ARXIV_HOSTS = new Set(["arxiv.org", "www.arxiv.org", "export.arxiv.org"]);
const HF_HOSTS = new Set(["huggingface.co", "www.huggingface.co", "hf.co"]);

/**
 * The paper id in what a user typed: a bare id, `arXiv:` id, or an arXiv / Hugging Face link.
 * Versions are dropped (`2410.12345v2` → `2410.12345`). Undefined when it is none of these.
 *
 * @example parsePaperRef("https://arxiv.org/pdf/2410.12345v2") // "2410.12345"
 */
export function parsePaperRef(raw: string): string | undefined {
  const text = raw.trim().replace(/^<(.*)>$/, "$1");
  if (text.length === 0 || text.length > 300) return undefined;
  const fromUrl = /^https?:\/\//i.test(text) ? idFromUrl(text) : undefined;
  if (fromUrl !== undefined) return fromUrl;
  return idFromText(text.replace(/^arxiv:/i, ""));
}

function idFromText(text: string): string | undefined {
  const arxiv = NEW_ARXIV_ID.exec(text) ?? OLD_ARXIV_ID.exec(text);
  if (arxiv?.[1]) return arxiv[1];
  return SEED_ID.test(text) ? text.toLowerCase() : undefined;
}

function idFromUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (ARXIV_HOSTS.has(host)) {
    const path = ARXIV_PATH.exec(url.pathname)?.[1];
    return path ? idFromText(decodeURIComponent(path)) : undefined;
  }
  if (HF_HOSTS.has(host)) {
    const path = /^\/papers\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    return path ? idFromText(decodeURIComponent(path)) : undefined;
  }
  return undefined;
}
