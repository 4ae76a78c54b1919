import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { personal, type SlashCommand } from "./types.js";

/** `/help` → `help`. */
export const helpCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("help")
    .setDescription("What paperboy can do")
    .setContexts(...PERSONAL_CONTEXTS),
  toRequest: () => personal("help"),
};
