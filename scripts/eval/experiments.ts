/**
 * Relevance of index variants on the ICLR keyword protocol, one change at a time:
 *   npx tsx scripts/eval/experiments.ts [--data DIR]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { DEFAULT_WEIGHTING, type Weighting } from "../../src/core/search/term-counts.js";
import { evaluate } from "./evaluate.js";
import { keywordQueries } from "./iclr.js";
import { readPaperList } from "./paperlist.js";
import { statedInterestQueries } from "./stated.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const dataFlag = process.argv.indexOf("--data");
const dataDir =
  dataFlag > 0
    ? (process.argv[dataFlag + 1] ?? "")
    : path.resolve(here, "..", "..", "..", "shared", "eval-data");
const listed = readPaperList(path.join(dataDir, "iclr2021-openreview", "paperlist.tsv"));
const queries = keywordQueries(listed);
const stated = statedInterestQueries(queries);
const papers = listed.map((l) => l.paper);

const variants: Array<[string, Partial<Weighting>]> = JSON.parse(process.argv[2] ?? "[]") as Array<
  [string, Partial<Weighting>]
>;
if (variants.length === 0) variants.push(["default", {}]);
console.log("| variant | nDCG@10 | P@10 | R@100 | MAP | stated nDCG@10 |\n|---|---|---|---|---|---|");
for (const [name, change] of variants) {
  const index = TfIdfIndex.build(papers, { ...DEFAULT_WEIGHTING, ...change });
  const m = evaluate(index, queries);
  const s = evaluate(index, stated);
  const f = (x: number) => x.toFixed(4);
  console.log(`| ${name} | ${f(m.ndcg10)} | ${f(m.p10)} | ${f(m.r100)} | ${f(m.ap)} | ${f(s.ndcg10)} |`);
}
