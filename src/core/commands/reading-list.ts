import { MAX_SAVED } from "../records.js";
import { sharedPlace, targetKey } from "../target.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import { parsePaperRef, PAPER_REF_FORMS } from "./paper-ref.js";
import { capitalised, errorReply, infoReply, quote } from "./replies.js";
import { resolvePaper } from "./resolve-paper.js";
import { saverName } from "./saver-name.js";

/** Whose reading list a command acts on, in words. */
export function listOwner(ctx: CommandContext): string {
  return ctx.target.kind === "channel" ? `${sharedPlace(ctx.platform)}'s reading list` : "your reading list";
}

export const saveCommand: Command = {
  name: "save",
  usage: "save <id>",
  summary: "Keep a paper on the reading list (🔖 under a card does the same)",
  async run(args, ctx, env) {
    const resolved = await resolvePaper(args, env, "save <id>");
    if ("error" in resolved) return resolved.error;
    const { paper } = resolved;
    const name = saverName(ctx.userName);
    const outcome = await env.store.readingLists.save(targetKey(ctx.target), {
      paperId: paper.id,
      savedBy: ctx.userId,
      ...(name !== undefined && { savedByName: name }),
      savedAt: env.now().toISOString(),
    });
    const title = quote(paper.title, 120);
    if (outcome === "already-saved") return infoReply([`${title} is on ${listOwner(ctx)} already.`]);
    if (outcome === "full") {
      return errorReply(
        `${capitalised(listOwner(ctx))} holds ${MAX_SAVED} papers, the most it can.`,
        "Use /unsave <id> to make room; /saved lists them.",
      );
    }
    return infoReply([
      `🔖 Saved ${title} to ${listOwner(ctx)}. /saved lists it; /export sends it as BibTeX.`,
    ]);
  },
};

export const unsaveCommand: Command = {
  name: "unsave",
  usage: "unsave <id>",
  summary: "Take a paper off the reading list",
  async run(args, ctx, env) {
    // A paper that left the corpus can still be taken off the list: only the id is needed.
    const id = parsePaperRef(args);
    if (!id) return errorReply(`Name a saved paper: /unsave <id>.`, `Give ${PAPER_REF_FORMS}.`);
    const key = targetKey(ctx.target);
    if (ctx.target.kind === "channel" && !(await ctx.canManage())) {
      const saved = (await env.store.readingLists.all(key)).find((paper) => paper.paperId === id);
      if (saved && saved.savedBy !== ctx.userId) {
        return errorReply(
          `Only whoever saved a paper, or people who manage ${sharedPlace(ctx.platform)}, can take it off its list.`,
        );
      }
    }
    const removed = await env.store.readingLists.unsave(key, id);
    if (!removed) return errorReply(`${id} is not on ${listOwner(ctx)}.`, "/saved lists what is.");
    return infoReply([`Took ${id} off ${listOwner(ctx)}.`]);
  },
};
