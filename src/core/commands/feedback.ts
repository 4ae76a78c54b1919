import type { Paper } from "../paper.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { TargetKey } from "../target.js";
import { targetKey } from "../target.js";
import type { CommandEnv } from "./deps.js";
import { infoReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";
import { resolvePaper } from "./resolve-paper.js";

/** Older feedback is dropped past this: only the most recent counts anyway (see FEEDBACK_WINDOW). */
export const MAX_FEEDBACK = 500;

type Verdict = "liked" | "disliked";

export const likeCommand: Command = feedbackCommand(
  "like",
  "liked",
  "More papers like this one in your picks",
);
export const dislikeCommand: Command = feedbackCommand("dislike", "disliked", "Fewer papers like this one");

function feedbackCommand(name: string, verdict: Verdict, summary: string): Command {
  const usage = `${name} <id>`;
  return {
    name,
    usage,
    summary,
    async run(args, ctx, env) {
      const resolved = resolvePaper(args, env, usage);
      if ("error" in resolved) return resolved.error;
      return recordFeedback(ctx, env, resolved.paper, verdict);
    },
  };
}

async function recordFeedback(
  ctx: CommandContext,
  env: CommandEnv,
  paper: Paper,
  verdict: Verdict,
): Promise<Reply> {
  const { key, note } = await feedbackTarget(ctx);
  await env.store.profiles.update(key, env.now(), (profile) => {
    profile.liked = profile.liked.filter((id) => id !== paper.id);
    profile.disliked = profile.disliked.filter((id) => id !== paper.id);
    const list = verdict === "liked" ? profile.liked : profile.disliked;
    list.push(paper.id);
    if (list.length > MAX_FEEDBACK) list.splice(0, list.length - MAX_FEEDBACK);
  });
  const title = quote(paper.title, 120);
  const line =
    verdict === "liked"
      ? `👍 Noted: the next picks lean toward papers like ${title}.`
      : `👎 Noted: the next picks steer away from papers like ${title}.`;
  return { ...infoReply(note ? [line, note] : [line]), private: true };
}

/** A channel's feedback is its managers' to give; anyone else's press tunes their own picks. */
async function feedbackTarget(ctx: CommandContext): Promise<{ key: TargetKey; note?: string }> {
  if (ctx.target.kind === "user" || (await ctx.canManage())) return { key: targetKey(ctx.target) };
  return {
    key: targetKey({ platform: ctx.platform, kind: "user", id: ctx.userId }),
    note: "Only people who manage this channel tune its picks, so this counts for your own picks instead.",
  };
}
