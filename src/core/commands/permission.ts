import type { CommandContext } from "./context.js";
import { sharedPlace } from "../target.js";
import { errorReply } from "./replies.js";
import type { Reply } from "./reply.js";

/**
 * Undefined when the person may change the target's settings; otherwise the polite refusal.
 * Only channels ask the platform: a person always manages their own profile.
 */
export async function refuseUnlessManager(ctx: CommandContext, what: string): Promise<Reply | undefined> {
  if (ctx.target.kind === "user") return undefined;
  if (await ctx.canManage()) return undefined;
  return errorReply(
    `Sorry, only people who manage ${sharedPlace(ctx.platform)} can change its ${what}.`,
    "You can still use /find, /picks and /settings here, or set up your own digest in a direct message.",
  );
}
