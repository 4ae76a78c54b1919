import { readFileSync, writeFileSync } from "node:fs";
import type { TfIdfIndex } from "../../src/core/search/tfidf-index.js";
import { rankIds } from "./evaluate.js";

/** Depth of a run file, per the issue: the top 100 documents of each query. */
export const TREC_DEPTH = 100;

export interface JsonlQuery {
  id: string;
  query: string;
}

/** Reads `{"id": "...", "query": "..."}` lines; a malformed line stops with its line number. */
export function readJsonlQueries(file: string): JsonlQuery[] {
  const queries: JsonlQuery[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON; expected {"id": "...", "query": "..."}`);
      }
      const { id, query } = (parsed ?? {}) as { id?: unknown; query?: unknown };
      if ((typeof id !== "string" && typeof id !== "number") || typeof query !== "string") {
        throw new Error(`${file}:${i + 1}: expected {"id": "...", "query": "..."}`);
      }
      queries.push({ id: String(id), query });
    });
  return queries;
}

/** Writes `qid Q0 docid rank score tag` lines, top 100 per query. Returns the number of lines. */
export function writeTrecRun(
  index: TfIdfIndex,
  queries: readonly JsonlQuery[],
  file: string,
  tag: string,
): number {
  const lines: string[] = [];
  for (const q of queries) {
    rankIds(index, q.query, TREC_DEPTH).forEach((hit, rank) => {
      lines.push(`${q.id} Q0 ${hit.id} ${rank + 1} ${hit.score.toFixed(6)} ${tag}`);
    });
  }
  writeFileSync(file, lines.length > 0 ? `${lines.join("\n")}\n` : "");
  return lines.length;
}
