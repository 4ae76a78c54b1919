import type { Paper } from "../paper.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { Profile } from "../records.js";
import type { VoteTotals } from "../store/port.js";
import { sharedPlace, type TargetKey, targetKey } from "../target.js";
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
      const resolved = await resolvePaper(args, env, usage);
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
  if (ctx.target.kind === "channel") return recordVote(ctx, env, paper, verdict);
  await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) =>
    judge(profile, paper.id, verdict),
  );
  const title = quote(paper.title, 120);
  const line =
    verdict === "liked"
      ? `👍 Noted: the next picks lean toward papers like ${title}.`
      : `👎 Noted: the next picks steer away from papers like ${title}.`;
  return { ...infoReply([line]), private: true };
}

/**
 * In a channel every member votes, once per paper (a new vote replaces theirs); the channel's
 * picks follow each paper's balance: more 👍 than 👎 likes it, more 👎 dislikes it, a tie neither.
 */
async function recordVote(
  ctx: CommandContext,
  env: CommandEnv,
  paper: Paper,
  verdict: Verdict,
): Promise<Reply> {
  const key = targetKey(ctx.target);
  const totals = await env.store.votes.cast(
    key,
    paper.id,
    ctx.userId,
    verdict === "liked" ? 1 : -1,
    env.now(),
  );
  await followBalance(env, key, paper.id, totals);
  const line = `${verdict === "liked" ? "👍" : "👎"} Counted your vote: ${totals.up} 👍 · ${totals.down} 👎 from ${sharedPlace(ctx.platform)}'s members. Its picks follow the balance.`;
  return { ...infoReply([line]), private: true, votes: { paperId: paper.id, ...totals } };
}

/** Tries to settle a profile that other members' votes moved on after this one read its totals. */
const BALANCE_ROUNDS = 3;

/**
 * Sets the channel profile's verdict on a paper from its vote balance. The vote and the profile are
 * two writes, so a vote cast in between could leave the verdict behind the votes: the totals are
 * read again after each write until they hold still.
 */
async function followBalance(env: CommandEnv, key: TargetKey, id: string, first: VoteTotals): Promise<void> {
  let totals = first;
  for (let round = 0; round < BALANCE_ROUNDS; round++) {
    const balance = totals.up - totals.down;
    await env.store.profiles.update(key, env.now(), (profile) => {
      if (balance === 0) forget(profile, id);
      else judge(profile, id, balance > 0 ? "liked" : "disliked");
    });
    const after = (await env.store.votes.totals(key, [id])).get(id) ?? { up: 0, down: 0 };
    if (after.up === totals.up && after.down === totals.down) return;
    totals = after;
  }
}

function judge(profile: Profile, id: string, verdict: Verdict): void {
  forget(profile, id);
  const list = verdict === "liked" ? profile.liked : profile.disliked;
  list.push(id);
  if (list.length > MAX_FEEDBACK) list.splice(0, list.length - MAX_FEEDBACK);
}

function forget(profile: Profile, id: string): void {
  profile.liked = profile.liked.filter((liked) => liked !== id);
  profile.disliked = profile.disliked.filter((disliked) => disliked !== id);
}
