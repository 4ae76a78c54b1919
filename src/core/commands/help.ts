import type { Command } from "./command.js";
import { infoReply } from "./replies.js";

export const helpCommand: Command = {
  name: "help",
  usage: "help",
  summary: "Show this list of commands",
  async run(_args, _ctx, env) {
    const lines = env.usages.map(({ usage, summary }) => `/${usage} — ${summary}`);
    lines.push(
      "Buttons under each paper: 👍 and 👎 tune your picks at once (in a channel, they are your vote), More like this finds neighbours, 🔖 saves it to the reading list.",
    );
    return { ...infoReply(lines, "paperboy commands"), private: true };
  },
};
