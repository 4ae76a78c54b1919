import type { CommandContext, CommandService } from "../../../src/core/commands/context.js";
import type { Target } from "../../../src/core/target.js";
import type { PaperCard, Reply } from "../../../src/core/commands/reply.js";

/** What the scripted command layer received: the text or action, and the context with it. */
export interface ReceivedInput {
  kind: "run" | "action";
  input: string;
  ctx: CommandContext;
}

type Script = (input: string, ctx: CommandContext) => Reply | Promise<Reply>;

/**
 * A stand-in for the command layer that answers from a script and records every input and context,
 * so the tests exercise the adapter alone.
 */
export class ScriptedCommandService implements CommandService {
  readonly received: ReceivedInput[] = [];
  readonly interests = new Map<string, string[]>();
  /** `follows:<kind>:<id>` or `mutes:<kind>:<id>` → the entries autocomplete offers. */
  readonly entries = new Map<string, string[]>();

  constructor(
    private readonly onRun: Script = () => infoReply("ok"),
    private readonly onAction: Script = () => infoReply("Noted."),
  ) {}

  async run(ctx: CommandContext, input: string): Promise<Reply> {
    this.received.push({ kind: "run", input, ctx });
    return this.onRun(input, ctx);
  }

  async runAction(ctx: CommandContext, action: string): Promise<Reply> {
    this.received.push({ kind: "action", input: action, ctx });
    return this.onAction(action, ctx);
  }

  async interestsOf(target: Target): Promise<string[]> {
    return this.interests.get(`${target.kind}:${target.id}`) ?? [];
  }

  async entriesOf(target: Target, list: "follows" | "mutes"): Promise<string[]> {
    return this.entries.get(`${list}:${target.kind}:${target.id}`) ?? [];
  }

  last(): ReceivedInput {
    const last = this.received.at(-1);
    if (!last) throw new Error("the command layer received nothing");
    return last;
  }
}

export function infoReply(...lines: string[]): Reply {
  return { kind: "info", lines, cards: [], buttons: [] };
}

export function errorReply(...lines: string[]): Reply {
  return { kind: "error", lines, cards: [], buttons: [] };
}

/** A card as the command layer builds it, with its like / dislike / more-like-this buttons. */
export function paperCard(id: string, overrides: Partial<PaperCard> = {}): PaperCard {
  return {
    id,
    title: `Graph neural networks for paper ${id}`,
    url: `https://arxiv.org/abs/${id}`,
    authors: ["Ada Lovelace", "Alan Turing"],
    excerpt: "We study message passing on large graphs and show how attention improves node classification.",
    score: 0.42,
    why: "matches your interest “graph neural networks”",
    matched: ["graph", "neural"],
    publishedAt: "2025-10-16T00:00:00Z",
    buttons: [
      { label: "👍", action: `like:${id}` },
      { label: "👎", action: `dislike:${id}` },
      { label: "More like this", action: `similar:${id}` },
    ],
    ...overrides,
  };
}

/** A page of search results with a "Next page" button, as `/find` answers. */
export function resultsReply(query: string, cards: PaperCard[], nextAction = "find:q1:2"): Reply {
  return {
    kind: "papers",
    title: `Results for “${query}”`,
    lines: [],
    cards,
    buttons: [{ label: "Next page", action: nextAction }],
    footer: "Page 1 of 3",
  };
}
