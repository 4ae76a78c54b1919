import { createHash } from "node:crypto";
import type { Paper } from "../paper.js";

const HEADER_LINES = 2;
const GLUED_PREFIX = "Subscribe";

/**
 * Parses the text of a Hugging Face papers page: two header lines, then a title line and an
 * abstract line per paper, the first title glued to the "Subscribe" button label.
 *
 * @example parseHfPapersPage(readFileSync("data/hf-papers-page.txt", "utf8")).length // 119
 */
export function parseHfPapersPage(text: string): Paper[] {
  const lines = text
    .split(/\r?\n/)
    .slice(HEADER_LINES)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const first = lines[0];
  if (first?.startsWith(GLUED_PREFIX)) lines[0] = first.slice(GLUED_PREFIX.length).trim();

  const papers: Paper[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const title = collapseSpaces(lines[i] ?? "");
    const abstract = collapseSpaces(lines[i + 1] ?? "");
    if (title && abstract) papers.push(seedPaper(title, abstract));
  }
  return papers;
}

/** Seed papers have no arXiv id on the page: the id is derived from the title so it never changes. */
export function seedPaperId(title: string): string {
  const digest = createHash("sha256").update(title.normalize("NFKC").toLowerCase()).digest("hex");
  return `hf-${digest.slice(0, 8)}`;
}

function seedPaper(title: string, abstract: string): Paper {
  return { id: seedPaperId(title), title, abstract, authors: [], sources: ["seed"] };
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
