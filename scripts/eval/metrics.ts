/** Ranking metrics with binary relevance, as trec_eval computes them. */
export interface QueryMetrics {
  ndcg10: number;
  p10: number;
  r100: number;
  ap: number;
}

export function scoreRanking(ranked: readonly string[], relevant: ReadonlySet<string>): QueryMetrics {
  let dcg = 0;
  let hits10 = 0;
  let hits100 = 0;
  let hits = 0;
  let precisionSum = 0;
  ranked.forEach((id, rank) => {
    if (!relevant.has(id)) return;
    hits++;
    precisionSum += hits / (rank + 1);
    if (rank < 10) {
      dcg += 1 / Math.log2(rank + 2);
      hits10++;
    }
    if (rank < 100) hits100++;
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(10, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
  const size = Math.max(1, relevant.size);
  return {
    ndcg10: ideal === 0 ? 0 : dcg / ideal,
    p10: hits10 / 10,
    r100: hits100 / size,
    ap: precisionSum / size,
  };
}

export function meanMetrics(all: readonly QueryMetrics[]): QueryMetrics {
  const mean = (pick: (m: QueryMetrics) => number) =>
    all.length === 0 ? 0 : all.reduce((sum, m) => sum + pick(m), 0) / all.length;
  return {
    ndcg10: mean((m) => m.ndcg10),
    p10: mean((m) => m.p10),
    r100: mean((m) => m.r100),
    ap: mean((m) => m.ap),
  };
}

export function formatMetrics(name: string, queries: number, m: QueryMetrics): string {
  const f = (x: number) => x.toFixed(4);
  return `${name.padEnd(28)} queries=${String(queries).padStart(4)}  nDCG@10=${f(m.ndcg10)}  P@10=${f(m.p10)}  R@100=${f(m.r100)}  MAP=${f(m.ap)}`;
}
