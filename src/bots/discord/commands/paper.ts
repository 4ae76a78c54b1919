import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { oneLine } from "./text.js";
import { personal, type SlashCommand } from "./types.js";

/** `/paper id` → `paper <id>`. */
export const paperCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("paper")
    .setDescription("Show one paper")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption((option) =>
      option
        .setName("id")
        .setDescription("An arXiv id or link, e.g. 2410.12345")
        .setRequired(true)
        .setMaxLength(300),
    ),
  toRequest: (interaction) => personal(`paper ${oneLine(interaction.options.getString("id", true))}`),
};
