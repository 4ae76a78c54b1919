import { completeLibrary, type CompletedLibrary } from "../library/complete-library.js";
import { MAX_LIBRARY_BYTES } from "../library/entry.js";
import { parseLibrary } from "../library/parse-library.js";
import type { Library } from "../records.js";
import { MAX_LIBRARY_PAPERS } from "../records.js";
import { targetKey } from "../target.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";

export const IMPORT_USAGE = "import <file> | <arXiv ids or URLs> | clear";
/** How the answer to a bare `/import` opens: a platform may treat a file sent in reply to it as an import. */
export const IMPORT_PROMPT_OPENING = "Send your library as a file";
export const IMPORT_PROMPT =
  IMPORT_PROMPT_OPENING +
  " with /import: a BibTeX (.bib), RIS or CSL-JSON export from Zotero, Mendeley or Google Scholar, or a list of arXiv ids. Or type /import 2410.12345 2311.00001.";
export const IMPORT_FILE_OR_IDS =
  "Give either a file or arXiv ids, not both. Run /import again with one of them.";
const SKIPS_SHOWN = 3;
const NEWEST_SHOWN = 3;

export const importCommand: Command = {
  name: "import",
  usage: IMPORT_USAGE,
  summary: "Shape your picks with the papers you already have",
  async run(args, ctx, env) {
    if (!ctx.attachment && args.trim().toLowerCase() === "clear") return clearLibrary(ctx, env);
    if (ctx.attachment && args.trim()) return errorReply(IMPORT_FILE_OR_IDS);
    const text = ctx.attachment ? ctx.attachment.text : args;
    if (ctx.attachment && text === undefined) return tooLarge(ctx.attachment.bytes);
    if (!text?.trim()) return infoReply([IMPORT_PROMPT]);
    // Asked before reading: parsing a large file costs a moment no one without the right should spend.
    const refusal = await refuseUnlessManager(ctx, "library");
    if (refusal) return refusal;
    const parsed = parseLibrary(text);
    if ("error" in parsed) return errorReply(parsed.error);
    const completed = await completeLibrary(parsed.entries, (ids) => env.papers.get(ids), env.lookup);
    if (completed.lookupFailure)
      env.log.warn({ reason: completed.lookupFailure }, "arXiv lookup for an import failed");
    if (completed.papers.length === 0) return errorReply(...nothingUsable(completed), `Use /${IMPORT_USAGE}`);
    const library: Library = { importedAt: env.now().toISOString(), papers: completed.papers };
    await env.store.libraries.put(targetKey(ctx.target), library);
    return importedReply(library, completed, parsed.skipped, parsed.entries.length);
  },
};

async function clearLibrary(ctx: CommandContext, env: CommandEnv): Promise<Reply> {
  const refusal = await refuseUnlessManager(ctx, "library");
  if (refusal) return refusal;
  const removed = await env.store.libraries.delete(targetKey(ctx.target));
  return infoReply([removed ? "Removed the imported library." : "There was no imported library to remove."]);
}

function tooLarge(bytes: number): Reply {
  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  return errorReply(
    `The file is ${megabytes} MB; the limit is ${MAX_LIBRARY_BYTES / (1024 * 1024)} MB. Export a smaller collection.`,
  );
}

function nothingUsable(completed: CompletedLibrary): string[] {
  const ids = completed.unknownIds
    .slice(0, SKIPS_SHOWN)
    .map((id) => quote(id))
    .join(", ");
  if (completed.lookupFailure)
    return [
      `Nothing to import: the corpus does not hold ${ids}, and arXiv could not be reached. Try again later.`,
    ];
  return [`Nothing to import: neither the corpus nor arXiv knows ${ids}.`];
}

function importedReply(
  library: Library,
  completed: CompletedLibrary,
  skipped: ReadonlyArray<{ position: number; reason: string }>,
  readCount: number,
): Reply {
  const skippedCount = skipped.length + completed.unknownIds.length;
  const lines = [
    `Imported ${library.papers.length} paper${library.papers.length === 1 ? "" : "s"}${skippedCount > 0 ? `, skipped ${skippedCount}` : ""}.`,
  ];
  const reasons = [
    ...skipped.map(({ position, reason }) => `entry ${position}: ${reason}`),
    ...completed.unknownIds.map(
      (id) => `${id}: ${completed.lookupFailure ? "not in the corpus" : "arXiv knows no such paper"}`,
    ),
  ];
  if (reasons.length > 0) lines.push(`First skipped: ${reasons.slice(0, SKIPS_SHOWN).join("; ")}.`);
  if (completed.dropped > 0)
    lines.push(`Kept the ${MAX_LIBRARY_PAPERS} newest of ${readCount}; the older ones were left out.`);
  if (completed.lookupFailure)
    lines.push("arXiv could not be reached: entries without an abstract count by their title.");
  const newest = library.papers.slice(0, NEWEST_SHOWN).map((paper) => quote(paper.title, 80));
  lines.push(`Newest: ${newest.join(", ")}.`);
  lines.push(
    "Your picks now also follow papers like these. Importing again replaces the library; /import clear removes it.",
  );
  return infoReply(lines, "Library imported");
}
