import { targetKey } from "../target.js";
import { missingPaperCard, paperCard } from "./cards.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { capitalised, errorReply, infoReply } from "./replies.js";
import type { Button, Reply } from "./reply.js";
import { listOwner } from "./reading-list.js";
import { savedByLabel } from "./saver-name.js";

export const SAVED_PAGE_SIZE = 5;

export const savedCommand: Command = {
  name: "saved",
  usage: "saved [page]",
  summary: "The reading list, newest first",
  async run(args, ctx, env) {
    const text = args.trim() || "1";
    if (!/^\d{1,6}$/.test(text) || Number(text) < 1)
      return errorReply(`${text.slice(0, 20)} is not a page number.`, "Use /saved or /saved 2.");
    return savedPage(ctx, env, Number(text));
  },
};

/** `saved:<page>` from a "Next page" / "Previous page" button. */
export function runSavedAction(ctx: CommandContext, env: CommandEnv, page: string): Promise<Reply> {
  return savedCommand.run(page, ctx, env);
}

async function savedPage(ctx: CommandContext, env: CommandEnv, page: number): Promise<Reply> {
  const { papers, total } = await env.store.readingLists.list(targetKey(ctx.target), {
    offset: (page - 1) * SAVED_PAGE_SIZE,
    limit: SAVED_PAGE_SIZE,
  });
  const owner = listOwner(ctx);
  if (total === 0) return infoReply([`Nothing on ${owner} yet. Press 🔖 under a paper, or /save <id>.`]);
  const pages = Math.ceil(total / SAVED_PAGE_SIZE);
  if (page > pages)
    return errorReply(`${owner} has ${pages} page${pages === 1 ? "" : "s"}.`, "Use /saved 1.");
  const inChannel = ctx.target.kind === "channel";
  const shown = await env.papers.byId(papers.map(({ paperId }) => paperId));
  const cards = papers.map((saved) => {
    const { paperId, savedAt } = saved;
    // A channel's list says who saved each paper; a user's own list needs no such line.
    const why = `saved ${savedAt.slice(0, 10)}${inChannel ? ` by ${savedByLabel(saved)}` : ""}`;
    const paper = shown.get(paperId);
    return paper ? paperCard(paper, { why }) : missingPaperCard(paperId, why);
  });
  const buttons: Button[] = [];
  if (page > 1) buttons.push({ label: "Previous page", action: `saved:${page - 1}`, style: "secondary" });
  if (page < pages) buttons.push({ label: "Next page", action: `saved:${page + 1}`, style: "primary" });
  return {
    kind: "papers",
    title: capitalised(owner),
    lines: [],
    cards,
    buttons,
    footer: `Page ${page} of ${pages} · ${total} paper${total === 1 ? "" : "s"} · /export sends them as BibTeX`,
  };
}
