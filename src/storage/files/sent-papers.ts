import type { SentPaper } from "../../core/records.js";

/**
 * A target's sent history as it is kept in memory and on disk: the paper ids, oldest first, and
 * beside them each one's publication date (null when unknown). Held in this form so that writing
 * a shard serialises it as it is, and reading one parses it into two arrays per target.
 *
 * An object keyed by paper id (the earlier form) took a quarter longer to parse and a sixth more
 * memory at 10,000 users with a month of history each: V8 builds a hidden class for each new
 * sequence of keys, and every target's ids differ. Parallel arrays also keep the order whatever
 * the ids look like (an object puts integer-like keys first).
 *
 * Treated as immutable once stored: the functions below return new objects. Ids are unique (the
 * shard check refuses a file repeating one).
 */
export interface SentList {
  readonly ids: readonly string[];
  /** Aligned with `ids`. */
  readonly publishedAt: ReadonlyArray<string | null>;
}

export function emptySent(): SentList {
  return { ids: [], publishedAt: [] };
}

/** The ids, oldest first: a copy. */
export function sentIds(sent: SentList): string[] {
  return [...sent.ids];
}

export function sentCount(sent: SentList): number {
  return sent.ids.length;
}

/** Adds papers not yet remembered; a known one keeps its place, and gains a date it lacked. */
export function withSentPapers(sent: SentList, papers: readonly SentPaper[]): SentList {
  const ids = [...sent.ids];
  const publishedAt = [...sent.publishedAt];
  // A scan finds the few papers of a digest; an import adds a whole history at once.
  const index = papers.length > 8 ? new Map(ids.map((id, at) => [id, at])) : undefined;
  for (const paper of papers) {
    const known = index ? index.get(paper.id) : ids.indexOf(paper.id);
    if (known === undefined || known < 0) {
      index?.set(paper.id, ids.length);
      ids.push(paper.id);
      publishedAt.push(paper.publishedAt ?? null);
    } else if (paper.publishedAt !== undefined) {
      publishedAt[known] = paper.publishedAt;
    }
  }
  return { ids, publishedAt };
}

/** The history without `ids`, or the same object when none of them is in it. */
export function withoutSent(sent: SentList, ids: readonly string[]): SentList {
  if (ids.length === 0) return sent;
  const forget = new Set(ids);
  return keepOnly(sent, (at) => !forget.has(sent.ids[at] ?? ""));
}

/**
 * The history without papers published before the cutoff (undated ones are kept). `isBefore`
 * says whether a date is before it: prune passes one that remembers its answers, since the same
 * papers (and dates) recur across thousands of targets.
 */
export function withoutPublishedBefore(
  sent: SentList,
  isBefore: (publishedAt: string) => boolean,
): { sent: SentList; removed: number } {
  const kept = keepOnly(sent, (at) => {
    const publishedAt = sent.publishedAt[at];
    return publishedAt === null || publishedAt === undefined || !isBefore(publishedAt);
  });
  return { sent: kept, removed: sent.ids.length - kept.ids.length };
}

export function toSentPapers(sent: SentList): SentPaper[] {
  return sent.ids.map((id, at) => {
    const publishedAt = sent.publishedAt[at];
    return typeof publishedAt === "string" ? { id, publishedAt } : { id };
  });
}

/** The entries at which `keep` is true, or `sent` itself when it is true at every one. */
function keepOnly(sent: SentList, keep: (at: number) => boolean): SentList {
  let next: { ids: string[]; publishedAt: Array<string | null> } | undefined;
  for (let at = 0; at < sent.ids.length; at++) {
    if (keep(at)) {
      next?.ids.push(sent.ids[at] ?? "");
      next?.publishedAt.push(sent.publishedAt[at] ?? null);
    } else {
      next ??= { ids: sent.ids.slice(0, at), publishedAt: sent.publishedAt.slice(0, at) };
    }
  }
  return next ?? sent;
}
