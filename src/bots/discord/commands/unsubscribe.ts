import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { personal, type SlashCommand } from "./types.js";

/** `/unsubscribe` → `unsubscribe`. */
export const unsubscribeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("unsubscribe")
    .setDescription("Stop your daily DM digest")
    .setContexts(...PERSONAL_CONTEXTS),
  toRequest: () => personal("unsubscribe"),
};
