import type { LibraryEntry, SkippedEntry } from "./entry.js";

export interface PositionedEntry {
  position: number;
  entry: LibraryEntry;
}

/**
 * The entries with repeats removed, the first of each kept; a repeat is the same arXiv id, else the same
 * DOI, else the same title (ignoring case and spacing). Each repeat is reported as skipped.
 */
export function dedupeEntries(entries: readonly PositionedEntry[]): {
  kept: PositionedEntry[];
  repeats: SkippedEntry[];
} {
  const firstPositions = new Map<string, number>();
  const kept: PositionedEntry[] = [];
  const repeats: SkippedEntry[] = [];
  for (const item of entries) {
    const key = identityOf(item.entry);
    const first = firstPositions.get(key);
    if (first === undefined) {
      firstPositions.set(key, item.position);
      kept.push(item);
    } else {
      repeats.push({ position: item.position, reason: `same paper as entry ${first}` });
    }
  }
  return { kept, repeats };
}

function identityOf(entry: LibraryEntry): string {
  if (entry.arxivId !== undefined) return `arxiv:${entry.arxivId}`;
  if (entry.doi !== undefined) return `doi:${entry.doi}`;
  return `title:${entry.title.toLowerCase().replace(/\s+/g, " ").trim()}`;
}
