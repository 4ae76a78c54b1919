import type { Paper } from "../paper.js";
import type { CommandEnv } from "./deps.js";
import { PAPER_REF_FORMS, parsePaperRef } from "./paper-ref.js";
import { errorReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";

/** The paper a command names, or the error reply saying what a valid reference looks like. */
export async function resolvePaper(
  args: string,
  env: CommandEnv,
  usage: string,
): Promise<{ paper: Paper } | { error: Reply }> {
  if (args.trim().length === 0)
    return { error: errorReply(`Name a paper: /${usage}.`, `Give ${PAPER_REF_FORMS}.`) };
  const id = parsePaperRef(args);
  if (!id)
    return {
      error: errorReply(
        `${quote(args)} is not a paper id or arXiv link.`,
        `Use /${usage} with ${PAPER_REF_FORMS}.`,
      ),
    };
  const paper = env.index.has(id) ? await env.papers.one(id) : undefined;
  if (!paper) {
    return {
      error: errorReply(
        `No paper with id ${id} is in the collection (yet).`,
        `Use /${usage} with an id from a card or from /find, e.g. /find ${id.startsWith("hf-") ? "diffusion" : "graph neural networks"}.`,
      ),
    };
  }
  return { paper };
}
