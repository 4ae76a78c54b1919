import { readFileSync } from "node:fs";
import type { Paper } from "../../src/core/paper.js";

export interface ListedPaper {
  paper: Paper;
  keywords: string[];
}

/**
 * Reads a corpus TSV split on tabs only (no quoting: one ICLR abstract starts with a literal quote).
 * A header naming `paper_id` selects the paperlist columns; otherwise lines are `id, title, abstract`.
 */
export function readPaperList(file: string): ListedPaper[] {
  const lines = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const header = lines[0]?.split("\t") ?? [];
  const hasHeader = header.includes("paper_id");
  const column = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [idAt, titleAt, abstractAt, keywordsAt] = [
    column("paper_id", 0),
    column("title", 1),
    column("abstract", 2),
    column("keywords", -1),
  ];
  return lines.slice(hasHeader ? 1 : 0).map((line) => {
    const cells = line.split("\t");
    const cell = (at: number) => (at >= 0 ? (cells[at] ?? "") : "");
    return {
      paper: { id: cell(idAt), title: cell(titleAt), abstract: cell(abstractAt), authors: [], sources: [] },
      keywords: cell(keywordsAt)
        .split(",")
        .map((keyword) => keyword.trim())
        .filter((keyword) => keyword !== ""),
    };
  });
}
