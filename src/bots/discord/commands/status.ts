import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { personal, type SlashCommand } from "./types.js";

/** `/status` → `status`: the corpus, the last ingests and the caller's next digest. */
export const statusCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("status")
    .setDescription("Papers per source, the last ingests and your next digest")
    .setContexts(...PERSONAL_CONTEXTS),
  toRequest: () => personal("status"),
};
