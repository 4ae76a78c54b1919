import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { personal, type SlashCommand } from "./types.js";

/** `/picks` → `picks`. */
export const picksCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("picks")
    .setDescription("Preview today's picks for you")
    .setContexts(...PERSONAL_CONTEXTS),
  toRequest: () => personal("picks"),
};
