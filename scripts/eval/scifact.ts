import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Paper } from "../../src/core/paper.js";
import { csvRecords } from "./csv.js";
import type { KeywordQuery } from "./iclr.js";

export interface SciFactSet {
  corpus: Paper[];
  queries: KeywordQuery[];
  qrels: number;
}

const SENTENCE = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;

/**
 * BEIR-SciFact "test": the 300 claims of claims_validation.csv as queries, each claim's
 * cited_doc_ids as its relevant documents (339 pairs), all 5,183 documents of corpus_train.csv.
 */
export function loadSciFact(zipFile: string): SciFactSet {
  const dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-scifact-"));
  try {
    execFileSync("unzip", ["-q", "-o", zipFile, "-d", dir]);
    const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
    const corpus = csvRecords(read("corpus_train.csv")).map((row): Paper => ({
      id: row.doc_id ?? "",
      title: row.title ?? "",
      abstract: sentencesOf(row.abstract ?? "").join(" "),
      authors: [],
      sources: [],
    }));
    const claims = new Map<string, KeywordQuery>();
    for (const row of csvRecords(read("claims_validation.csv"))) {
      const id = row.id ?? "";
      const query = claims.get(id) ?? { id, query: row.claim ?? "", relevant: new Set<string>() };
      for (const doc of (row.cited_doc_ids ?? "").match(/\d+/g) ?? []) query.relevant.add(doc);
      claims.set(id, query);
    }
    const queries = [...claims.values()];
    return { corpus, queries, qrels: queries.reduce((sum, q) => sum + q.relevant.size, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sentences of a numpy-printed list of strings: `['first' 'second' "it's third"]`. */
export function sentencesOf(listText: string): string[] {
  return [...listText.matchAll(SENTENCE)].map((m) => (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
}
