import type { Paper } from "../core/paper.js";
import { MalformedPayloadError } from "./errors.js";
import { arxivAbsUrl, normalizeArxivId, toIsoDate, unwrapText } from "./normalize.js";
import { child, children, isNode, parseXml, textOf, type XmlNode } from "./xml.js";

/** `arXiv:2609.26811v1 Announce Type: new \nAbstract: …`: the header arXiv puts before each abstract. */
const DESCRIPTION_HEADER = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/;
/** Announcements of a paper first shown today; replacements announce a new version of an older paper. */
const FIRST_ANNOUNCEMENTS = new Set(["new", "cross"]);

/**
 * Reads an rss.arxiv.org listing (RSS 2.0). `publishedAt` is the announcement date for new and
 * cross-listed papers and left out for replacements, whose first version is older.
 * Throws MalformedPayloadError for anything that is not a well-formed RSS feed.
 */
export function parseArxivRss(xml: string): Paper[] {
  const root = parseXml(xml, "The arXiv RSS feed", ["item", "category"]);
  const channel = child(child(root, "rss") ?? {}, "channel");
  if (!channel)
    throw new MalformedPayloadError("The arXiv RSS feed is not RSS 2.0 (no <rss><channel> element)");
  return children(channel, "item")
    .filter(isNode)
    .map(itemToPaper)
    .filter((paper) => paper !== undefined);
}

function itemToPaper(item: XmlNode): Paper | undefined {
  const id = normalizeArxivId(textOf(item.guid)) ?? normalizeArxivId(firstText(item.link));
  const title = unwrapText(textOf(item.title));
  if (!id || !title) return undefined;

  const paper: Paper = {
    id,
    title,
    abstract: unwrapText(textOf(item.description).replace(DESCRIPTION_HEADER, "")),
    authors: splitAuthors(textOf(item.creator)),
    url: arxivAbsUrl(id),
    categories: [...new Set(children(item, "category").map((c) => unwrapText(textOf(c))))].filter(Boolean),
    sources: ["rss"],
  };
  const announceType = unwrapText(textOf(item.announce_type));
  const publishedAt = toIsoDate(textOf(item.pubDate));
  if (publishedAt && FIRST_ANNOUNCEMENTS.has(announceType)) paper.publishedAt = publishedAt;
  return paper;
}

/** `dc:creator` holds every author in one comma-separated string. */
function splitAuthors(creators: string): string[] {
  return unwrapText(creators)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function firstText(value: unknown): string {
  return textOf(Array.isArray(value) ? value[0] : value);
}
