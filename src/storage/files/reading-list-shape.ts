import type { SavedPaper } from "../../core/records.js";
import { firstRepeat } from "./first-repeat.js";
import { isObject } from "./json-shape.js";
import type { FieldPath } from "./shard-format.js";

/*
 * A reading list as kept under its target in state/reading-lists: SavedPaper[], newest first. Of
 * papers saved at the same instant, the one saved last comes first, so the array's order is part
 * of the record (Postgres keeps it in a sequence column).
 */

/**
 * Checks a reading list (sorting it newest first, in place, if it is out of order): papers with
 * string fields (the saver's name optional), no paper twice. Returns the path of the first
 * problem, or undefined.
 */
export function readingListProblem(list: unknown): FieldPath | undefined {
  if (!Array.isArray(list)) return [];
  for (let index = 0; index < list.length; index++) {
    const problem = savedPaperProblem(list[index]);
    if (problem) return [index, ...problem];
  }
  const papers = list as SavedPaper[];
  if (!isNewestFirst(papers)) papers.sort(newestFirst); // stable: ties keep their order
  const repeat = firstRepeat(papers.map((paper) => paper.paperId));
  return repeat < 0 ? undefined : [repeat, "paperId", "(repeats a paper)"];
}

/** A saved paper's fields are strings; `savedByName` may be absent (saved before names were kept). */
function savedPaperProblem(paper: unknown): FieldPath | undefined {
  if (!isObject(paper)) return [];
  for (const field of ["paperId", "savedBy", "savedAt"] as const) {
    if (typeof paper[field] !== "string") return [field];
  }
  if (paper.savedByName !== undefined && typeof paper.savedByName !== "string") return ["savedByName"];
  return undefined;
}

/** Later `savedAt` first. ISO times as toISOString writes them compare as strings. */
function newestFirst(a: SavedPaper, b: SavedPaper): number {
  return a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0;
}

function isNewestFirst(papers: readonly SavedPaper[]): boolean {
  for (let index = 1; index < papers.length; index++) {
    if ((papers[index - 1]?.savedAt ?? "") < (papers[index]?.savedAt ?? "")) return false;
  }
  return true;
}

/**
 * A new list: `list` with `paper` (saved now, so last) placed before every paper saved at its
 * instant or earlier. Normally that is the front; a clock behind another instance's puts it later.
 */
export function withSaved(list: readonly SavedPaper[], paper: SavedPaper): SavedPaper[] {
  let at = list.findIndex((other) => other.savedAt <= paper.savedAt);
  if (at < 0) at = list.length;
  return [...list.slice(0, at), paper, ...list.slice(at)];
}

/** `papers` newest first (a stable sort: of papers saved at one instant, the earlier stays earlier). */
export function sortedNewestFirst(papers: readonly SavedPaper[]): SavedPaper[] {
  return [...papers].sort(newestFirst);
}
