import type { SentPaper } from "../../core/records.js";

/**
 * A target's sent history as it is kept in memory and on disk: paper id → publication date (null
 * when unknown), oldest first. Held in this form so that writing a shard serialises it as it is:
 * converting a Map for every write cost more than the rest of the write.
 *
 * Treated as immutable once stored: the functions below return new objects (null-prototype, so an
 * id such as `__proto__` is an ordinary key). Ids are never integer-like (arXiv and `hf-` ids), so
 * object key order is insertion order.
 */
export type SentMap = Record<string, string | null>;

export function emptySent(): SentMap {
  return Object.create(null) as SentMap;
}

export function sentIds(sent: SentMap): string[] {
  return Object.keys(sent);
}

export function hasSent(sent: SentMap, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(sent, id);
}

/** Adds papers not yet remembered; a known one keeps its place, and gains a date it lacked. */
export function withSentPapers(sent: SentMap, papers: readonly SentPaper[]): SentMap {
  const next = Object.assign(emptySent(), sent);
  for (const paper of papers) {
    const known = hasSent(next, paper.id) ? next[paper.id] : null;
    next[paper.id] = paper.publishedAt ?? known ?? null;
  }
  return next;
}

/** The history without `ids`, or the same object when none of them is in it. */
export function withoutSent(sent: SentMap, ids: readonly string[]): SentMap {
  if (!ids.some((id) => hasSent(sent, id))) return sent;
  const next = Object.assign(emptySent(), sent);
  for (const id of ids) delete next[id];
  return next;
}

/**
 * The history without papers published before `cutoff` (undated ones are kept). `isBefore` says
 * whether a date is before the cutoff: prune passes one that remembers its answers, since the
 * same papers (and dates) recur across thousands of targets.
 */
export function withoutPublishedBefore(
  sent: SentMap,
  isBefore: (publishedAt: string) => boolean,
): { sent: SentMap; removed: number } {
  let next: SentMap | undefined;
  let removed = 0;
  for (const id of Object.keys(sent)) {
    const publishedAt = sent[id];
    if (publishedAt === null || publishedAt === undefined || !isBefore(publishedAt)) continue;
    next ??= Object.assign(emptySent(), sent);
    delete next[id];
    removed += 1;
  }
  return { sent: next ?? sent, removed };
}

export function toSentPapers(sent: SentMap): SentPaper[] {
  return Object.keys(sent).map((id) => {
    const publishedAt = sent[id];
    return typeof publishedAt === "string" ? { id, publishedAt } : { id };
  });
}
