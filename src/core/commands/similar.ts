import { paperCard } from "./cards.js";
import type { Command } from "./command.js";
import { infoReply, quote } from "./replies.js";
import { resolvePaper } from "./resolve-paper.js";

const SIMILAR_COUNT = 5;

export const similarCommand: Command = {
  name: "similar",
  usage: "similar <id | arXiv URL>",
  summary: "Papers most like a given paper",
  async run(args, _ctx, env) {
    const resolved = await resolvePaper(args, env, "similar <id | arXiv URL>");
    if ("error" in resolved) return resolved.error;
    const { paper } = resolved;
    const vector = env.vectors.paper(paper);
    const outcome = vector
      ? env.index.rank(vector, { limit: SIMILAR_COUNT, filter: (id) => id !== paper.id })
      : { results: [] };
    const byId = await env.papers.byId(outcome.results.map(({ id }) => id));
    const shown = outcome.results.flatMap(({ id, score, matched }) => {
      const other = byId.get(id);
      return other ? [paperCard(other, { score, matched })] : [];
    });
    if (shown.length === 0) return infoReply([`No other paper resembles ${quote(paper.title, 120)} yet.`]);
    return {
      kind: "papers",
      title: `Papers like ${quote(paper.title, 120)}`,
      lines: [],
      cards: shown,
      buttons: [],
      private: true,
    };
  },
};
