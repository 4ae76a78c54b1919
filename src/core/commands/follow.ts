import type { PaperShelf } from "../corpus/paper-shelf.js";
import type { PaperByline } from "../paper.js";
import { AuthorMatcher, normaliseFollowName } from "../recommender/author-names.js";
import { sharedPlace, targetKey } from "../target.js";
import type { Command } from "./command.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { listButton, removeFromList } from "./profile-list.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply, quote } from "./replies.js";
import type { Reply } from "./reply.js";

/** Followed authors per target: each one's new papers take a pick slot, so a handful is the point. */
export const MAX_FOLLOWS = 50;
const FOLLOW_FORM = "Use /follow <author name>, e.g. /follow Yann LeCun";
const EXAMPLES_SHOWN = 2;

export const followCommand: Command = {
  name: "follow",
  usage: "follow <author name>",
  summary: "Always get the new papers of an author",
  async run(args, ctx, env) {
    if (args.trim().length === 0) return errorReply("Name the author to follow.", FOLLOW_FORM);
    const normalised = normaliseFollowName(args);
    if ("error" in normalised) return errorReply(normalised.error);
    const refusal = await refuseUnlessManager(ctx, "followed authors");
    if (refusal) return refusal;
    const { name } = normalised;
    const outcome = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
      const follows = profile.follows ?? [];
      const same = new AuthorMatcher(follows).matches([name]);
      if (same !== undefined) return { kind: "already" as const, same };
      if (follows.length >= MAX_FOLLOWS) return { kind: "full" as const };
      profile.follows = [...follows, name];
      return { kind: "added" as const };
    });
    if (outcome.kind === "already") return infoReply([`Already following ${quote(outcome.same, 100)}.`]);
    if (outcome.kind === "full") {
      return errorReply(
        `You follow ${MAX_FOLLOWS} authors already, the most there can be.`,
        "Use /unfollow <name> to make room; /settings lists them.",
      );
    }
    return withUndo(await followedReply(name, ctx, env), "unfollow", name);
  },
};

export const unfollowCommand: Command = {
  name: "unfollow",
  usage: "unfollow <author name>",
  summary: "Stop following an author",
  run: (args, ctx, env) =>
    removeFromList(args, ctx, env, {
      list: "follows",
      what: "followed authors",
      form: "Use /unfollow <author name>; /settings lists the authors followed.",
      removed: (name) => `Stopped following ${quote(name, 100)}.`,
      find: (follows, text) => {
        const parsed = normaliseFollowName(text);
        return "name" in parsed ? new AuthorMatcher(follows).matches([parsed.name]) : undefined;
      },
    }),
};

/**
 * The bylines of the papers by an author of this name (as following it matches them), in the order
 * stored: the store answers those filed under the name's family names, of which these are the matches.
 */
export async function papersByName(name: string, papers: PaperShelf): Promise<PaperByline[]> {
  const matcher = new AuthorMatcher([name]);
  const bylines = await papers.bylinesByFamily(matcher.families);
  return bylines.filter((paper) => matcher.matches(paper.authors) !== undefined);
}

async function followedReply(name: string, ctx: CommandContext, env: CommandEnv): Promise<Reply> {
  const matching = await papersByName(name, env.papers);
  const whose = ctx.target.kind === "channel" ? `${sharedPlace(ctx.platform)}'s` : "your";
  const lines = [
    `Following ${quote(name, 100)}: a new paper by this name always makes ${whose} picks, first and marked as such.`,
  ];
  if (matching.length === 0) {
    lines.push(
      "No paper in the corpus is by this name yet. Check the spelling; new papers by it will be picked.",
    );
  } else {
    const newest = matching.sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""));
    const examples = newest.slice(0, EXAMPLES_SHOWN).map((paper) => quote(paper.title, 80));
    const count = matching.length === 1 ? "1 paper" : `${matching.length} papers`;
    lines.push(`${count} in the corpus match this name, e.g. ${examples.join(" and ")}.`);
    lines.push("If that is more than one person, /unfollow and follow the full name instead.");
  }
  return infoReply(lines);
}

/** The reply with a button that undoes the change, when the action fits a button. */
export function withUndo(reply: Reply, command: "unfollow" | "unmute", value: string): Reply {
  const button = listButton("Undo", command, value);
  return button ? { ...reply, buttons: [button] } : reply;
}
