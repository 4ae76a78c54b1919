import type { BotCommand } from "grammy/types";
import type { Reply } from "../../core/commands/reply.js";

/** Commands passed through to the command layer, with the description shown in Telegram's menu. */
export const SERVICE_COMMANDS: readonly BotCommand[] = [
  { command: "find", description: "Search papers: /find graph neural networks" },
  { command: "interests", description: "Your interests: add, remove, list, clear" },
  { command: "follow", description: "Always get an author's new papers: /follow Yann LeCun" },
  { command: "unfollow", description: "Stop following an author" },
  { command: "mute", description: "Never get papers on a topic: /mute quantum computing" },
  { command: "unmute", description: "Get a muted topic again" },
  { command: "categories", description: "Limit picks to arXiv categories: /categories cs.LG cs.CL" },
  {
    command: "import",
    description:
      "Shape picks with papers you have: a .bib/.ris/.json file captioned /import, or /import 2410.12345",
  },
  { command: "picks", description: "Preview today's picks" },
  { command: "subscribe", description: "Daily digest: /subscribe time 08:00 tz Europe/Paris" },
  { command: "unsubscribe", description: "Stop the daily digest" },
  { command: "settings", description: "Show your digest settings" },
  { command: "recap", description: "A group's weekly recap: /recap on day friday time 16:00" },
  { command: "status", description: "Papers per source, last ingests, your next digest" },
  { command: "similar", description: "Papers like one: /similar 2410.12345" },
  { command: "paper", description: "Show one paper: /paper 2410.12345" },
  { command: "like", description: "More like this paper: /like 2410.12345" },
  { command: "dislike", description: "Fewer like this paper: /dislike 2410.12345" },
  { command: "save", description: "Keep a paper on the reading list: /save 2410.12345" },
  { command: "unsave", description: "Take a paper off the reading list" },
  { command: "saved", description: "The reading list, newest first: /saved 2" },
  { command: "export", description: "The reading list as a file: /export bibtex, ris or csl" },
  { command: "help", description: "How to use paperboy" },
];

/** The menu set with setMyCommands: /start first, then every command the layer understands. */
export const MENU_COMMANDS: readonly BotCommand[] = [
  { command: "start", description: "Get started" },
  ...SERVICE_COMMANDS,
];

export const INTERESTS_EXAMPLE = "/interests add graph neural networks";

/** The greeting for /start: a newcomer is asked for interests, a returning reader sees theirs. */
export function onboardingReply(interests: string[]): Reply {
  const lines =
    interests.length === 0
      ? [
          "I send you the new research papers that match your interests, every morning, and search papers on demand.",
          `Tell me what you care about, for example: ${INTERESTS_EXAMPLE}`,
          "Then /picks previews today's papers, /subscribe starts the daily digest and /help lists everything.",
        ]
      : [
          `Welcome back. Your interests: ${interests.join("; ")}.`,
          "/picks previews today's papers, /subscribe starts the daily digest and /help lists everything.",
        ];
  return { kind: "info", title: "Welcome to paperboy", lines, cards: [], buttons: [] };
}

/** The hint for a private message the bot does not understand: an unknown command or plain text. */
export function unknownInputReply(text: string): Reply {
  const command = /^\/[^\s@]+/.exec(text)?.[0];
  const opening = command ? `I don't know ${command.slice(0, 40)}.` : "I answer commands.";
  return {
    kind: "error",
    lines: [`${opening} Send /help to see them all, or try /find graph neural networks.`],
    cards: [],
    buttons: [],
  };
}

/** The hint for a file sent in a private chat without /import: the usual one, plus how to import it. */
export function documentHintReply(): Reply {
  return {
    kind: "error",
    lines: [
      "I answer commands. To import this file as your library, send it again with the caption /import. Send /help to see everything else.",
    ],
    cards: [],
    buttons: [],
  };
}

/** What a user sees when handling their message failed for a reason that is not theirs. */
export const APOLOGY =
  "Sorry, something went wrong on my side while handling that. Please try again in a moment.";
