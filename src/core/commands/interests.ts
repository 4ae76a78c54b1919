import { addInterests, findInterest, MAX_INTERESTS, splitInterests } from "../recommender/interests.js";
import type { Command } from "./command.js";
import { splitCommand } from "./command.js";
import type { CommandContext } from "./context.js";
import { targetKey } from "../target.js";
import type { CommandEnv } from "./deps.js";
import { refuseUnlessManager } from "./permission.js";
import { orEmpty } from "./empty-profile.js";
import { errorReply, infoReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";

export const INTERESTS_USAGE =
  "interests add <phrase>[; <phrase>…] | remove <phrase | number> | list | clear";
const ADD_EXAMPLE = "/interests add graph neural networks; few-shot learning";

export const interestsCommand: Command = {
  name: "interests",
  usage: INTERESTS_USAGE,
  summary: "The topics your picks and digest follow",
  async run(args, ctx, env) {
    const { name, args: rest } = splitCommand(args);
    switch (name) {
      case "add":
        return addCommand(rest, ctx, env);
      case "remove":
        return removeCommand(rest, ctx, env);
      case "list":
      case "":
        return listReply(orEmpty(await env.store.profiles.get(targetKey(ctx.target))).interests, ctx);
      case "clear":
        return clearCommand(ctx, env);
      default:
        return errorReply(`Unknown interests action ${quote(name)}.`, `Use /${INTERESTS_USAGE}`);
    }
  },
};

async function addCommand(text: string, ctx: CommandContext, env: CommandEnv): Promise<Reply> {
  const phrases = splitInterests(text);
  if (phrases.length === 0) return errorReply("Name at least one topic.", `Use ${ADD_EXAMPLE}`);
  const refusal = await refuseUnlessManager(ctx, "interests");
  if (refusal) return refusal;
  const outcome = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
    const result = addInterests(profile.interests, phrases);
    if (result.ok) profile.interests = result.interests;
    return result;
  });
  if (!outcome.ok) return errorReply(outcome.message);
  const lines: string[] = [];
  if (outcome.added.length > 0)
    lines.push(`Added: ${outcome.added.map((phrase) => quote(phrase, 200)).join(", ")}.`);
  if (outcome.duplicates.length > 0) {
    lines.push(`Already there: ${outcome.duplicates.map((phrase) => quote(phrase, 200)).join(", ")}.`);
  }
  const unknown = outcome.added.filter((phrase) => env.vectors.phrase(phrase).ids.length === 0);
  if (unknown.length > 0) {
    lines.push(
      `No paper mentions ${unknown.map((phrase) => quote(phrase)).join(", ")} yet; it will count once one does.`,
    );
  }
  const holder = ctx.target.kind === "channel" ? "This channel now has" : "You now have";
  lines.push(
    `${holder} ${outcome.interests.length} of ${MAX_INTERESTS} interests. /picks shows what they find today.`,
  );
  return infoReply(lines);
}

async function removeCommand(text: string, ctx: CommandContext, env: CommandEnv): Promise<Reply> {
  if (text.trim().length === 0) {
    return errorReply(
      "Say which interest to remove.",
      "Use /interests remove <phrase | number>, e.g. /interests remove 2",
    );
  }
  const refusal = await refuseUnlessManager(ctx, "interests");
  if (refusal) return refusal;
  const removed = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
    const position = findInterest(profile.interests, text);
    return position === undefined ? undefined : profile.interests.splice(position, 1)[0];
  });
  if (removed === undefined) {
    return errorReply(
      `${quote(text)} is not among ${whose(ctx).toLowerCase()} interests.`,
      "Use /interests remove <phrase | number>; /interests list shows the numbers.",
    );
  }
  return infoReply([`Removed ${quote(removed, 200)}.`]);
}

async function clearCommand(ctx: CommandContext, env: CommandEnv): Promise<Reply> {
  const refusal = await refuseUnlessManager(ctx, "interests");
  if (refusal) return refusal;
  const count = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
    const cleared = profile.interests.length;
    profile.interests = [];
    return cleared;
  });
  if (count === 0) return infoReply(["There were no interests to clear."]);
  return infoReply([`Cleared ${count} interest${count === 1 ? "" : "s"}. Add new ones with ${ADD_EXAMPLE}`]);
}

function listReply(interests: readonly string[], ctx: CommandContext): Reply {
  if (interests.length === 0) return infoReply([`No interests yet. Add some with ${ADD_EXAMPLE}`]);
  const lines = interests.map((phrase, i) => `${i + 1}. ${phrase}`);
  return infoReply(lines, `${whose(ctx)} interests (${interests.length} of ${MAX_INTERESTS})`);
}

function whose(ctx: CommandContext): string {
  return ctx.target.kind === "channel" ? "This channel's" : "Your";
}
