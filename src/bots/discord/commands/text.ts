import type { ChatInputCommandInteraction } from "discord.js";

/** The option accessors of a slash command interaction. */
export type CommandOptions = ChatInputCommandInteraction["options"];

/** Option text as one clean line: the command grammar is whitespace separated. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Joins command words, skipping the empty ones. */
export function commandText(...words: (string | undefined)[]): string {
  return words.filter((word): word is string => Boolean(word)).join(" ");
}
