import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { personal, type SlashCommand } from "./types.js";

/** `/settings` → `settings`. */
export const settingsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("settings")
    .setDescription("Show your digest settings and interests")
    .setContexts(...PERSONAL_CONTEXTS),
  toRequest: () => personal("settings"),
};
