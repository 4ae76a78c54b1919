import { paperCard } from "./cards.js";
import type { Command } from "./command.js";
import { resolvePaper } from "./resolve-paper.js";

/** `paper` shows much more of the abstract than a list card does. */
const FULL_EXCERPT_CHARS = 1500;

export const paperCommand: Command = {
  name: "paper",
  usage: "paper <id>",
  summary: "Show one paper with its abstract",
  async run(args, _ctx, env) {
    const resolved = await resolvePaper(args, env, "paper <id>");
    if ("error" in resolved) return resolved.error;
    const card = paperCard(resolved.paper, { excerptChars: FULL_EXCERPT_CHARS });
    return {
      kind: "papers",
      title: resolved.paper.title,
      lines: [],
      cards: [card],
      buttons: [],
      private: true,
    };
  },
};
