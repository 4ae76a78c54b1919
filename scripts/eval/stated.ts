import type { KeywordQuery } from "./iclr.js";

/** Ways a person states an interest; each keyword gets one, picked by its position (deterministic). */
export const INTEREST_TEMPLATES: ReadonlyArray<(keyword: string) => string> = [
  (kw) => `I am interested in ${kw}`,
  (kw) => `papers about ${kw}`,
  (kw) => `new work on ${kw} methods`,
  (kw) => `Show me recent research on ${kw}.`,
  (kw) => `anything related to ${kw}, please`,
  (kw) => `I'd like to follow the latest ${kw} papers`,
];

/** The keyword queries rephrased as stated interests, same ids and relevance. */
export function statedInterestQueries(queries: readonly KeywordQuery[]): KeywordQuery[] {
  return queries.map((q, i) => {
    const template = INTEREST_TEMPLATES[i % INTEREST_TEMPLATES.length] ?? ((kw: string) => kw);
    return { ...q, query: template(q.query) };
  });
}
