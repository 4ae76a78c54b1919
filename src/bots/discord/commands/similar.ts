import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { oneLine } from "./text.js";
import { personal, type SlashCommand } from "./types.js";

/** `/similar paper` → `similar <id | arXiv URL>`. */
export const similarCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("similar")
    .setDescription("Papers similar to one you like")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption((option) =>
      option
        .setName("paper")
        .setDescription("An arXiv id or link, e.g. 2410.12345")
        .setRequired(true)
        .setMaxLength(300),
    ),
  toRequest: (interaction) => personal(`similar ${oneLine(interaction.options.getString("paper", true))}`),
};
