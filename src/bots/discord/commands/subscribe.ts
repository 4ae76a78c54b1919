import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import {
  countOption,
  daysOption,
  noteOption,
  subscribeInput,
  timeOption,
  timezoneOption,
} from "./subscribe-options.js";
import { timezoneChoices } from "./timezones.js";
import { personal, type SlashCommand } from "./types.js";

/** `/subscribe [time] [timezone] [count] [days]` → a daily digest in the user's DMs. */
export const subscribeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("subscribe")
    .setDescription("Get a daily paper digest in your DMs")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption(timeOption)
    .addStringOption(timezoneOption)
    .addIntegerOption(countOption)
    .addStringOption(daysOption)
    .addStringOption(noteOption),
  toRequest: (interaction) => personal(subscribeInput(interaction.options)),
  autocomplete: async (interaction) => timezoneChoices(interaction.options.getFocused()),
};
