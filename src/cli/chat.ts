import { runConsoleChat } from "../bots/console/chat.js";
import type { CommandServiceDeps } from "../core/commands/deps.js";
import { createCommandService } from "../core/commands/service.js";

export interface ChatDeps extends CommandServiceDeps {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** "no-tokens" when `npm start` found no bot token: the greeting then says how to add one. */
  reason?: "no-tokens" | "asked";
}

const WELCOME = "paperboy console chat. Type /help for the commands; /quit or Ctrl+D leaves.";
const NO_TOKENS =
  "No bot token is configured, so paperboy runs here in the terminal. To run the bots, set " +
  "TELEGRAM_BOT_TOKEN, or DISCORD_TOKEN and DISCORD_APP_ID (in the environment or a .env file), then start again.";

export const CHAT_USAGE =
  "Usage: paperboy chat   (no options: the bot's commands in this terminal, on the configured store; /help there lists them)";

/** `paperboy chat` takes no arguments: the problem with the ones given, or undefined when there are none. */
export function chatArgsProblem(args: readonly string[]): string | undefined {
  return args.length === 0 ? undefined : `chat takes no arguments, not ${JSON.stringify(args.join(" "))}.`;
}

/**
 * `paperboy chat` (and `npm start` without tokens): the command layer in the terminal, on the same
 * store as the bots. Resolves when the input ends; every change was stored before it was answered.
 */
export async function runChat(deps: ChatDeps): Promise<void> {
  const service = createCommandService(deps);
  const greeting = deps.reason === "no-tokens" ? `${NO_TOKENS}\n${WELCOME}` : WELCOME;
  await runConsoleChat({ input: deps.input, output: deps.output, service, greeting });
}
