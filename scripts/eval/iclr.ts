import type { ListedPaper } from "./paperlist.js";

export interface KeywordQuery {
  id: string;
  query: string;
  relevant: Set<string>;
}

export const MIN_PAPERS_PER_KEYWORD = 5;

/**
 * The protocol's keyword normalisation: lowercase, '-' and '_' to space, spaces collapsed, one
 * trailing 's' dropped when the keyword is longer than 3 chars and does not end in "ss".
 */
export function normaliseKeyword(raw: string): string {
  const spaced = raw.toLowerCase().replace(/[-_]/g, " ").replace(/\s+/g, " ").trim();
  return spaced.length > 3 && spaced.endsWith("s") && !spaced.endsWith("ss") ? spaced.slice(0, -1) : spaced;
}

/** One query per normalised keyword carried by at least five papers; relevant = the papers carrying it. */
export function keywordQueries(papers: readonly ListedPaper[]): KeywordQuery[] {
  const carriers = new Map<string, Set<string>>();
  for (const { paper, keywords } of papers) {
    for (const keyword of keywords) {
      const normalised = normaliseKeyword(keyword);
      if (normalised === "") continue;
      let set = carriers.get(normalised);
      if (!set) carriers.set(normalised, (set = new Set()));
      set.add(paper.id);
    }
  }
  return [...carriers]
    .filter(([, relevant]) => relevant.size >= MIN_PAPERS_PER_KEYWORD)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([query, relevant], i) => ({ id: `kw${i + 1}`, query, relevant }));
}
