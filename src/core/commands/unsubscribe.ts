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
    if (!env.state.state.subscriptions[key])
      return infoReply(["There is no digest to stop. /subscribe starts one."]);
    const refusal = await refuseUnlessManager(ctx, "digest");
    if (refusal) return refusal;
    await env.state.update((state) => {
      delete state.subscriptions[key];
    });
    return infoReply([
      "Unsubscribed: no more daily digests. Interests and feedback are kept; /subscribe resumes.",
    ]);
  },
};
