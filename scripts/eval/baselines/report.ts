import type { Paper } from "../../../src/core/paper.js";
import type { KeywordQuery } from "../iclr.js";
import { formatMetrics } from "../metrics.js";
import { evaluateRanker } from "./ranker.js";
import { type Baseline, REFERENCE_BASELINES } from "./reference-baselines.js";

export interface QuerySet {
  label: string;
  queries: readonly KeywordQuery[];
}

/**
 * Fits every baseline on `papers` and prints its metrics on each query set. A baseline that cannot
 * be fitted (say, a corpus too small for its df limits) is reported as such; the others still run.
 */
export function reportBaselines(
  papers: readonly Paper[],
  sets: readonly QuerySet[],
  print: (line: string) => void = console.log,
  baselines: readonly Baseline[] = REFERENCE_BASELINES,
): void {
  print("baselines (same documents, queries and metrics):");
  for (const baseline of baselines) {
    const started = performance.now();
    let ranker;
    try {
      ranker = baseline.build(papers);
    } catch (error) {
      print(`  ${baseline.name}: not measured (${(error as Error).message})`);
      continue;
    }
    print(`  ${baseline.name} (fitted in ${(performance.now() - started).toFixed(0)} ms)`);
    for (const set of sets) {
      print(formatMetrics(`    ${set.label}`, set.queries.length, evaluateRanker(ranker, set.queries)));
    }
  }
}
