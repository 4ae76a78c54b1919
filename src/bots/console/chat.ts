import { createInterface } from "node:readline";
import type { CommandContext, CommandService } from "../../core/commands/context.js";
import type { Reply } from "../../core/commands/reply.js";
import { writeExportFile } from "./export-file.js";
import { readImportArgument } from "./import-file.js";
import { renderReply } from "./render.js";

export interface ConsoleChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  service: CommandService;
  greeting?: string;
  /** Where exports (`/export`) are written: the current directory unless given. */
  directory?: string;
}

/** The one person at the terminal: they own their profile and may change everything. */
export const CONSOLE_CONTEXT: CommandContext = {
  platform: "console",
  userId: "local",
  target: { platform: "console", kind: "user", id: "local" },
  canManage: async () => true,
};

const QUIT_WORDS = new Set(["/quit", "/exit", "quit", "exit"]);
const PROMPT = "> ";

/**
 * A chat on the command layer in a terminal or over a pipe: one command per line, typed with its
 * slash (`/interests add graph neural networks`). Button hints such as `/find:Ab3dE9:2` press the
 * button. An answer with a file (`/export`) writes it into `directory`. Lines are answered in order;
 * resolves when the input ends or on /quit.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { input, output, service } = options;
  const directory = options.directory ?? process.cwd();
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  if (options.greeting) output.write(`${options.greeting}\n\n`);
  if (interactive) output.write(PROMPT);
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (QUIT_WORDS.has(line.toLowerCase())) break;
      if (line.length > 0) {
        const reply = await answer(service, line);
        output.write(`${renderReply(reply)}\n`);
        if (reply.file) output.write(`${await writeExportFile(directory, reply.file)}\n\n`);
      }
      if (interactive) output.write(PROMPT);
    }
  } finally {
    lines.close();
  }
}

async function answer(service: CommandService, line: string): Promise<Reply> {
  const command = line.replace(/^\//, "");
  try {
    // A button hint is an action id: a word, a colon, no spaces (`find:Ab3dE9:2`).
    if (/^[a-z]+:\S+$/i.test(command)) return await service.runAction(CONSOLE_CONTEXT, command);
    // `/import <path>` attaches that file, as sending one does on Discord and Telegram.
    const importArgument = /^import\s+(.+)$/is.exec(command)?.[1];
    if (importArgument !== undefined) {
      const named = await readImportArgument(importArgument);
      if (named.kind === "unreadable") return errorReply(named.message);
      if (named.kind === "file")
        return await service.run({ ...CONSOLE_CONTEXT, attachment: named.attachment }, "import");
    }
    return await service.run(CONSOLE_CONTEXT, command);
  } catch {
    // The command layer answers errors itself; this only keeps the chat alive if it ever does not.
    return errorReply("That command failed. Please try again, or type /help.");
  }
}

function errorReply(line: string): Reply {
  return { kind: "error", lines: [line], cards: [], buttons: [] };
}
