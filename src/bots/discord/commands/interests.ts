import { SlashCommandBuilder } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { interestChoices, interestSubcommands, interestsInput } from "./interest-options.js";
import { personal, type SlashCommand } from "./types.js";

const data = new SlashCommandBuilder()
  .setName("interests")
  .setDescription("The topics your picks and digest follow")
  .setContexts(...PERSONAL_CONTEXTS);
for (const subcommand of interestSubcommands("your")) data.addSubcommand(subcommand);

/** `/interests add|remove|list|clear` → `interests …` on the user's own profile. */
export const interestsCommand: SlashCommand = {
  data,
  toRequest: (interaction) => personal(interestsInput(interaction.options)),
  autocomplete(interaction, service) {
    const target = { platform: "discord", kind: "user", id: interaction.user.id } as const;
    return interestChoices(service, target, interaction.options.getFocused());
  },
};
