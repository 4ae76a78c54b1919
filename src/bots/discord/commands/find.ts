import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { commandText, oneLine } from "./text.js";
import { personal, type SlashCommand } from "./types.js";

/** `/find query [days]` → `find <query> [--days N]`. */
export const findCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("find")
    .setDescription("Search papers on a topic")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption((option) =>
      option
        .setName("query")
        .setDescription("What to look for, e.g. graph neural networks")
        .setRequired(true)
        .setMaxLength(300),
    )
    .addIntegerOption((option) =>
      option
        .setName("days")
        .setDescription("Only papers from the last N days")
        .setMinValue(1)
        .setMaxValue(3650),
    ),
  toRequest(interaction) {
    const query = oneLine(interaction.options.getString("query", true));
    const days = interaction.options.getInteger("days");
    return personal(commandText("find", query, days !== null ? `--days ${days}` : undefined));
  },
};
