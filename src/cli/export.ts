import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, exportPapers, type ExportFormat } from "../core/library/export-library.js";
import type { Paper } from "../core/paper.js";
import type { ReadingLists } from "../core/store/port.js";
import { parseTargetKey, targetKey } from "../core/target.js";
import { asksForHelp } from "./help.js";
import { errorMessage } from "../core/error-message.js";

export interface ExportCommandDeps {
  readingLists: Pick<ReadingLists, "all">;
  /** Papers of the corpus by id, in the order asked; those no longer in it are left out. */
  papers(ids: readonly string[]): Promise<Paper[]>;
  /** The exported file, when no --out is given. */
  out(line: string): void;
  /** Usage, notes and errors, so that the file on standard output stays clean. */
  err(line: string): void;
  /** Writes --out (default: the file system). */
  write?(file: string, text: string): Promise<void>;
}

export const EXPORT_USAGE = `Usage: paperboy export --target KEY [--format bibtex|ris|csl] [--out FILE]
  --target   whose reading list: platform:kind:id, e.g. discord:channel:123, telegram:user:42,
             console:user:local (platform discord, telegram or console; kind user or channel)
  --format   bibtex (the default), ris or csl (CSL-JSON)
  --out      write the file there (replacing it) instead of to standard output`;

const TARGET_FORM =
  "use platform:kind:id, e.g. discord:channel:123 or console:user:local (platform discord, telegram or console; kind user or channel)";
const FORMAT_NAMES: Record<ExportFormat, string> = { bibtex: "BibTeX", ris: "RIS", csl: "CSL-JSON" };

interface ExportRequest {
  key: string;
  format: ExportFormat;
  out?: string;
}

/**
 * `paperboy export --target KEY [--format bibtex|ris|csl] [--out FILE]`: a reading list as a file that
 * reference managers import, written to standard output or FILE. Reads the store only. Exit code 0
 * when exported (or the list is empty: a note says so), 1 when FILE cannot be written, 2 for bad
 * arguments.
 */
export async function runExport(args: string[], deps: ExportCommandDeps): Promise<number> {
  if (asksForHelp(args)) {
    deps.out(EXPORT_USAGE);
    return 0;
  }
  const request = parseExportArgs(args);
  if (typeof request === "string") {
    deps.err(`${request}\n${EXPORT_USAGE}`);
    return 2;
  }
  const saved = await deps.readingLists.all(request.key);
  if (saved.length === 0) {
    deps.err(`Nothing exported: the reading list of ${request.key} is empty.`);
    return 0;
  }
  const papers = await deps.papers(saved.map(({ paperId }) => paperId));
  const missing = saved.length - papers.length;
  const { text } = exportPapers(papers, request.format);
  const what = `${papers.length} paper${papers.length === 1 ? "" : "s"} of ${request.key} as ${FORMAT_NAMES[request.format]}`;
  if (request.out === undefined) {
    // `out` ends the line itself: the file's own last line break is not doubled.
    deps.out(text.replace(/\n$/, ""));
  } else {
    try {
      await (deps.write ?? defaultWrite)(request.out, text);
    } catch (error) {
      deps.err(`Could not write --out ${request.out}: ${reasonOf(error)}.`);
      return 1;
    }
  }
  deps.err(request.out === undefined ? `Exported ${what}.` : `Exported ${what} to ${request.out}.`);
  if (missing > 0) {
    deps.err(
      `${missing} saved paper${missing === 1 ? " is" : "s are"} no longer in the corpus and left out.`,
    );
  }
  return 0;
}

/** What is wrong with `paperboy export`'s arguments, or undefined: checked before the store is opened. */
export function exportArgsProblem(args: string[]): string | undefined {
  const request = parseExportArgs(args);
  return typeof request === "string" ? request : undefined;
}

function parseExportArgs(args: string[]): ExportRequest | string {
  let values: { target?: string; format?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { target: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return errorMessage(error);
  }
  if (values.target === undefined) return `Whose reading list? Give --target: ${TARGET_FORM}.`;
  const target = parseTargetKey(values.target.trim());
  if (!target) return `--target "${values.target}" is not a target key: ${TARGET_FORM}.`;
  const format = (values.format ?? "bibtex").trim().toLowerCase();
  if (!isFormat(format))
    return `--format "${values.format}" is not an export format: use bibtex, ris or csl.`;
  if (values.out !== undefined && values.out.trim() === "") return "--out needs a file name.";
  return { key: targetKey(target), format, ...(values.out !== undefined ? { out: values.out } : {}) };
}

function isFormat(word: string): word is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(word);
}

function defaultWrite(file: string, text: string): Promise<void> {
  return writeFile(file, text, "utf8");
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return "the folder does not exist";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "permission denied";
  if (code === "EISDIR") return "it is a folder";
  return errorMessage(error);
}
