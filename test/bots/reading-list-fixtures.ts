import { paperCard } from "../../src/core/commands/cards.js";
import type { Reply } from "../../src/core/commands/reply.js";
import { parseLibrary } from "../../src/core/library/parse-library.js";
import { ARXIV_PAPERS } from "../core/commands/harness.js";

/** The arXiv ids of a file when imported again, as a researcher's reference manager would read it. */
export function reimportedIds(text: string): string[] {
  const parsed = parseLibrary(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.entries.map((entry) => entry.arxivId ?? "").sort();
}

/** A channel's digest of both arXiv papers, as the scheduler composes it. */
export function arxivDigest(): Reply {
  return {
    kind: "papers",
    title: "Today's papers",
    lines: [],
    cards: ARXIV_PAPERS.map((paper) => paperCard(paper)),
    buttons: [],
  };
}
