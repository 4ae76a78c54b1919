import type { Command } from "./command.js";
import { targetKey } from "../target.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply } from "./replies.js";

export const unsubscribeCommand: Command = {
  name: "unsubscribe",
  usage: "unsubscribe",
  summary: "Stop the daily digest (interests and feedback are kept)",
  async run(args, ctx, env) {
    if (args.length > 0) return errorReply("/unsubscribe takes no options: type just /unsubscribe.");
    const key = targetKey(ctx.target);
    const none = infoReply(["There is no digest to stop. /subscribe starts one."]);
    if (!(await env.store.subscriptions.get(key))) return none;
    const refusal = await refuseUnlessManager(ctx, "digest");
    if (refusal) return refusal;
    if (!(await env.store.subscriptions.delete(key))) return none;
    return infoReply([
      "Unsubscribed: no more daily digests. Interests and feedback are kept; /subscribe resumes.",
    ]);
  },
};
