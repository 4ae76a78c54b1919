import type { Paper } from "../paper.js";

/**
 * One record for a paper brought twice (by several sources, or as v1 then v2): the longer abstract
 * (the cleaner one on a tie), the longer author list, sources and categories united, the highest
 * upvotes, the earliest publication date. Existing values win every other tie. Pure.
 */
export function mergePaper(existing: Paper, incoming: Paper): Paper {
  const merged: Paper = {
    id: existing.id,
    title: cleanerText(existing.title, incoming.title),
    abstract: longerText(existing.abstract, incoming.abstract),
    authors: incoming.authors.length > existing.authors.length ? incoming.authors : existing.authors,
    sources: union(existing.sources, incoming.sources),
  };
  const publishedAt = earliest(existing.publishedAt, incoming.publishedAt);
  if (publishedAt !== undefined) merged.publishedAt = publishedAt;
  const url = existing.url ?? incoming.url;
  if (url !== undefined) merged.url = url;
  if (existing.categories || incoming.categories) {
    merged.categories = union(existing.categories ?? [], incoming.categories ?? []);
  }
  const upvotes = maxDefined(existing.upvotes, incoming.upvotes);
  if (upvotes !== undefined) merged.upvotes = upvotes;
  return merged;
}

/** True when both records hold the same data, field by field. */
export function isSamePaper(a: Paper, b: Paper): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.abstract === b.abstract &&
    a.publishedAt === b.publishedAt &&
    a.url === b.url &&
    a.upvotes === b.upvotes &&
    sameList(a.authors, b.authors) &&
    sameList(a.categories ?? [], b.categories ?? []) &&
    (a.categories === undefined) === (b.categories === undefined) &&
    sameList(a.sources, b.sources)
  );
}

function collapsed(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isClean(text: string): boolean {
  return text === collapsed(text);
}

/** The same words either way: keep the one without hard wraps; different words: keep the existing one. */
function cleanerText(existing: string, incoming: string): string {
  if (collapsed(existing) === "") return incoming;
  if (collapsed(existing) === collapsed(incoming) && !isClean(existing) && isClean(incoming)) return incoming;
  return existing;
}

function longerText(existing: string, incoming: string): string {
  const [a, b] = [collapsed(existing).length, collapsed(incoming).length];
  if (a !== b) return b > a ? incoming : existing;
  return cleanerText(existing, incoming);
}

function union<T>(first: readonly T[], second: readonly T[]): T[] {
  return [...new Set([...first, ...second])];
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || Number.isNaN(Date.parse(a))) return b ?? a;
  if (b === undefined || Number.isNaN(Date.parse(b))) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Whether two versions of a paper are indexed alike: same title, abstract and date. */
export function sameIndexedText(a: Paper | undefined, b: Paper): boolean {
  return (
    a !== undefined && a.title === b.title && a.abstract === b.abstract && a.publishedAt === b.publishedAt
  );
}
