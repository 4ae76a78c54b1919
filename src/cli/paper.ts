import { parseArgs } from "node:util";
import type { Corpus } from "../core/corpus/corpus.js";
import type { Paper } from "../core/paper.js";
import { normalizeArxivId } from "../sources/normalize.js";

export interface PaperCommandDeps {
  corpus: Corpus;
  out(line: string): void;
}

const USAGE = "Usage: paperboy paper <id> [--json]   (id: 2410.12345, 2410.12345v2 or an arXiv URL)";

/**
 * `paperboy paper <id> [--json]`: prints a stored paper, or its whole record as JSON.
 * Exit code 0 when found, 1 for an unknown id, 2 for bad arguments.
 */
export async function runPaper(args: string[], deps: PaperCommandDeps): Promise<number> {
  let parsed: { values: { json?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    deps.out(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [raw, ...extra] = parsed.positionals;
  if (raw === undefined || raw.trim() === "" || extra.length > 0) {
    deps.out(
      raw === undefined ? `Which paper? Give its id.\n${USAGE}` : `Give exactly one paper id.\n${USAGE}`,
    );
    return 2;
  }

  const paper = findPaper(deps.corpus, raw);
  if (!paper) {
    deps.out(unknownPaperMessage(raw, deps.corpus.size));
    return 1;
  }
  deps.out(
    parsed.values.json ? JSON.stringify(paper, null, 2) : withoutControlCharacters(describePaper(paper)),
  );
  return 0;
}

/** By exact id first (seed ids such as `hf-…`), then as an arXiv id, version or URL stripped. */
export function findPaper(corpus: Corpus, raw: string): Paper | undefined {
  const trimmed = raw.trim();
  const arxivId = normalizeArxivId(trimmed);
  return corpus.get(trimmed) ?? (arxivId === undefined ? undefined : corpus.get(arxivId));
}

function unknownPaperMessage(raw: string, size: number): string {
  const shown = JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
  const form = "Give an arXiv id such as 2410.12345 (a version suffix or an arXiv URL also works)";
  if (normalizeArxivId(raw) === undefined && !/^hf-/.test(raw.trim()))
    return `${shown} is not a paper id. ${form}.`;
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
  const lines = [
    paper.title,
    paper.authors.length > 0 ? paper.authors.join(", ") : "(no authors listed)",
    facts.filter(Boolean).join(" · "),
    paper.url,
    "",
    paper.abstract || "(no abstract)",
  ];
  return lines.filter((line) => line !== undefined).join("\n");
}

/** Terminal control characters in a hostile title could rewrite the screen; newlines stay. */
function withoutControlCharacters(text: string): string {
  return [...text].filter((char) => char === "\n" || !isControl(char.codePointAt(0) ?? 0)).join("");
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
