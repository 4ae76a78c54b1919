import { parseArgs } from "node:util";
import type { Paper } from "../core/paper.js";
import type { PaperReader } from "../core/corpus/paper-reader.js";
import { parsePaperRef } from "../core/commands/paper-ref.js";
import { asksForHelp } from "./help.js";
import { stripControls, terminalJson } from "./terminal-text.js";
import { errorMessage } from "../core/error-message.js";

export interface PaperCommandDeps {
  papers: PaperReader;
  /** The paper itself. */
  out(line: string): void;
  /** Usage and error messages, so that `--json` output stays machine-readable. */
  err(line: string): void;
}

export const PAPER_USAGE =
  "Usage: paperboy paper <id> [--json]   (id: 2410.12345, 2410.12345v2, arXiv:2410.12345, an arXiv or Hugging Face link, or a bundled id like hf-1a2b3c4d)";

/**
 * `paperboy paper <id> [--json]`: prints a stored paper, or its whole record as JSON.
 * Exit code 0 when found, 1 for an unknown id, 2 for bad arguments.
 */
export async function runPaper(args: string[], deps: PaperCommandDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(PAPER_USAGE);
    return 0;
  }
  const request = parsePaperArgs(args);
  if (typeof request === "string") {
    deps.err(`${request}\n${PAPER_USAGE}`);
    return 2;
  }
  const { raw, json } = request;
  const paper = await findPaper(deps.papers, raw);
  if (!paper) {
    deps.err(unknownPaperMessage(raw, await deps.papers.count()));
    return 1;
  }
  deps.out(json ? terminalJson(paper, 2) : stripControls(describePaper(paper), { keepNewlines: true }));
  return 0;
}

/** What is wrong with `paperboy paper`'s arguments, or undefined: checked before the corpus is loaded. */
export function paperArgsProblem(args: string[]): string | undefined {
  const request = parsePaperArgs(args);
  return typeof request === "string" ? request : undefined;
}

function parsePaperArgs(args: string[]): { raw: string; json: boolean } | string {
  let parsed: { values: { json?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return errorMessage(error);
  }
  const [raw, ...extra] = parsed.positionals;
  if (raw === undefined || raw.trim() === "") return "Which paper? Give its id.";
  if (extra.length > 0) return "Give exactly one paper id.";
  return { raw, json: parsed.values.json === true };
}

/**
 * By exact id first (any stored id), then as the chat commands read a paper reference: an arXiv id with
 * or without version or `arXiv:` prefix, an arXiv or Hugging Face link, or a seed id like `hf-1a2b3c4d`.
 */
export async function findPaper(papers: PaperReader, raw: string): Promise<Paper | undefined> {
  const trimmed = raw.trim();
  const id = parsePaperRef(trimmed);
  const found = await papers.get(id === undefined ? [trimmed] : [trimmed, id]);
  return found.find((paper) => paper.id === trimmed) ?? found[0];
}

function unknownPaperMessage(raw: string, size: number): string {
  const shown = terminalJson(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
  const form =
    "Give an arXiv id such as 2410.12345 (a version suffix, an arXiv or Hugging Face link also works)";
  if (parsePaperRef(raw) === undefined) return `${shown} is not a paper id. ${form}.`;
  return `No paper ${shown} among the ${size} stored papers. ${form}, or run \`paperboy ingest\` first.`;
}

function describePaper(paper: Paper): string {
  const facts = [
    `id ${paper.id}`,
    paper.publishedAt ? `published ${paper.publishedAt.slice(0, 10)}` : undefined,
    paper.categories?.length ? paper.categories.join(", ") : undefined,
    paper.upvotes !== undefined ? `${paper.upvotes} upvotes` : undefined,
    `from ${paper.sources.join(", ")}`,
  ];
  // The whole text is sanitised by the caller; these fields are put on one line first, so a line
  // break in a feed's title cannot fake a line of its own.
  const lines = [
    stripControls(paper.title),
    paper.authors.length > 0 ? stripControls(paper.authors.join(", ")) : "(no authors listed)",
    facts.filter(Boolean).join(" · "),
    paper.url,
    "",
    paper.abstract || "(no abstract)",
  ];
  return lines.filter((line) => line !== undefined).join("\n");
}
