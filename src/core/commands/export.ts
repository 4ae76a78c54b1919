import { exportPapers, parseExportFormat } from "../library/export-library.js";
import { targetKey } from "../target.js";
import type { Command } from "./command.js";
import { capitalised, errorReply, infoReply } from "./replies.js";
import { listOwner } from "./reading-list.js";

export const exportCommand: Command = {
  name: "export",
  usage: "export [bibtex|ris|csl]",
  summary: "Send the reading list as a BibTeX, RIS or CSL-JSON file",
  async run(args, ctx, env) {
    const format = parseExportFormat(args);
    if (typeof format !== "string") return errorReply(format.error);
    const saved = await env.store.readingLists.all(targetKey(ctx.target));
    const owner = listOwner(ctx);
    if (saved.length === 0)
      return infoReply([`Nothing on ${owner} to export yet. Press 🔖 under a paper, or /save <id>.`]);
    const papers = await env.papers.get(saved.map(({ paperId }) => paperId));
    const missing = saved.length - papers.length;
    const file = exportPapers(papers, format);
    const lines = [
      `${capitalised(owner)}: ${papers.length} paper${papers.length === 1 ? "" : "s"} as ${file.fileName}.`,
    ];
    if (missing > 0)
      lines.push(
        `${missing} saved paper${missing === 1 ? " is" : "s are"} no longer in the corpus and left out.`,
      );
    return { ...infoReply(lines), file: { name: file.fileName, mimeType: file.mimeType, text: file.text } };
  },
};
