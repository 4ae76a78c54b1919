import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { dislikeCommand, likeCommand } from "./feedback.js";
import { runFindAction } from "./find.js";
import { errorReply } from "./replies.js";
import type { Reply } from "./reply.js";
import { unfollowCommand } from "./follow.js";
import { unmuteCommand } from "./mute.js";
import { saveCommand } from "./reading-list.js";
import { runSavedAction } from "./saved.js";
import { similarCommand } from "./similar.js";

const PAPER_ACTIONS = { like: likeCommand, dislike: dislikeCommand, similar: similarCommand } as const;

/**
 * Runs a button's action id: `like:<id>`, `dislike:<id>`, `similar:<id>`, `find:<token>:<page>`,
 * `unfollow:<name>`, `unmute:<phrase>` (the undo buttons of /follow and /mute), `save:<id>` (🔖),
 * `saved:<page>`.
 */
export async function runAction(ctx: CommandContext, action: string, env: CommandEnv): Promise<Reply> {
  const separator = action.indexOf(":");
  const kind = separator > 0 ? action.slice(0, separator) : action;
  const rest = separator > 0 ? action.slice(separator + 1) : "";
  if (kind === "find") {
    const [token = "", page = ""] = rest.split(":");
    return runFindAction(env, ctx, token, page);
  }
  if (kind === "like" || kind === "dislike" || kind === "similar") {
    return PAPER_ACTIONS[kind].run(rest, ctx, env);
  }
  if (kind === "save") return saveCommand.run(rest, ctx, env);
  if (kind === "saved") return runSavedAction(ctx, env, rest);
  if (kind === "unfollow") return unfollowCommand.run(rest, ctx, env);
  if (kind === "unmute") return unmuteCommand.run(rest, ctx, env);
  return errorReply(
    "That button is not one paperboy knows (it may be from an older version). Type /help for the commands.",
  );
}
