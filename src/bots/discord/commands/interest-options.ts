import { SlashCommandSubcommandBuilder } from "discord.js";
import type { ApplicationCommandOptionChoiceData } from "discord.js";
import type { CommandService } from "../../../core/commands/context.js";
import type { Target } from "../../../core/target.js";
import { fitPlain } from "../plain-text.js";
import { oneLine, type CommandOptions } from "./text.js";
import { MAX_CHOICES } from "./types.js";

const CHOICE_MAX = 100;

/** `add`, `remove`, `list`, `clear`: shared by `/interests` and `/channel interests`. */
export function interestSubcommands(whose: "your" | "this channel's"): SlashCommandSubcommandBuilder[] {
  return [
    new SlashCommandSubcommandBuilder()
      .setName("add")
      .setDescription(`Add topics to ${whose} interests`)
      .addStringOption((option) =>
        option
          .setName("phrase")
          .setDescription("A topic, e.g. few-shot learning; separate several with ;")
          .setRequired(true)
          .setMaxLength(1000),
      ),
    new SlashCommandSubcommandBuilder()
      .setName("remove")
      .setDescription(`Remove one of ${whose} interests`)
      .addStringOption((option) =>
        option
          .setName("phrase")
          .setDescription("The interest, or its number in the list")
          .setRequired(true)
          .setMaxLength(200)
          .setAutocomplete(true),
      ),
    new SlashCommandSubcommandBuilder().setName("list").setDescription(`Show ${whose} interests`),
    new SlashCommandSubcommandBuilder().setName("clear").setDescription(`Remove all of ${whose} interests`),
  ];
}

/** `interests add rl; graphs`, `interests remove 2`, `interests list`, `interests clear`. */
export function interestsInput(options: CommandOptions): string {
  const subcommand = options.getSubcommand(true);
  if (subcommand === "add" || subcommand === "remove") {
    return `interests ${subcommand} ${oneLine(options.getString("phrase", true))}`;
  }
  return `interests ${subcommand}`;
}

/** The target's interests containing what was typed; long phrases are chosen by their number. */
export async function interestChoices(
  service: CommandService,
  target: Target,
  typed: string,
): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const needle = typed.trim().toLowerCase();
  const phrases = await service.interestsOf(target);
  return phrases
    .map((phrase, index) => ({ phrase, number: index + 1 }))
    .filter(({ phrase }) => phrase.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map(({ phrase, number }) => ({
      name: fitPlain(`${number}. ${oneLine(phrase)}`, CHOICE_MAX),
      value: phrase.trim() && phrase.length <= CHOICE_MAX ? phrase : String(number),
    }));
}
