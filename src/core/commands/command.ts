import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import type { Reply } from "./reply.js";

/** One command: its name, the form users type, and what it does with the rest of the line. */
export interface Command {
  name: string;
  /** The valid form, as shown by help and in error messages, e.g. `find <query> [--days N]`. */
  usage: string;
  summary: string;
  run(args: string, ctx: CommandContext, env: CommandEnv): Promise<Reply>;
}

/** `find graph  nets` → `["find", "graph  nets"]`; the name is case-folded, the rest kept. */
export function splitCommand(input: string): { name: string; args: string } {
  const text = input.trim().replace(/^\//, "");
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return { name: (match?.[1] ?? "").toLowerCase(), args: (match?.[2] ?? "").trim() };
}
