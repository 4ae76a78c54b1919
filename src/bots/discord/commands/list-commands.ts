import { SlashCommandBuilder, SlashCommandSubcommandBuilder } from "discord.js";
import type { ApplicationCommandOptionChoiceData, SlashCommandStringOption } from "discord.js";
import type { CommandService } from "../../../core/commands/context.js";
import type { Target } from "../../../core/target.js";
import { fitPlain } from "../plain-text.js";
import { oneLine, type CommandOptions } from "./text.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { MAX_CHOICES, personal, type SlashCommand } from "./types.js";

const CHOICE_MAX = 100;

/**
 * The option of `/follow`, `/unfollow`, `/mute`, `/unmute` and `/categories` (and of their `/channel`
 * subcommands): one text, its name and help per command. The undo commands autocomplete from the
 * target's own list.
 */
export const LIST_COMMANDS = {
  follow: { option: "name", help: "An author's name, e.g. Yann LeCun", max: 100 },
  unfollow: { option: "name", help: "A followed author", max: 100, autocomplete: "follows" },
  mute: { option: "phrase", help: "A word or phrase, e.g. quantum computing", max: 100 },
  unmute: { option: "phrase", help: "A muted word or phrase", max: 100, autocomplete: "mutes" },
  categories: { option: "categories", help: "arXiv categories, e.g. cs.LG cs.CL, or all", max: 300 },
} as const;

export type ListCommand = keyof typeof LIST_COMMANDS;

export function isListCommand(name: string): name is ListCommand {
  return Object.hasOwn(LIST_COMMANDS, name);
}

/** The `/channel` subcommand named `name`. */
export function listSubcommand(name: ListCommand, description: string): SlashCommandSubcommandBuilder {
  return new SlashCommandSubcommandBuilder()
    .setName(name)
    .setDescription(description)
    .addStringOption(listOption(name));
}

function listOption(name: ListCommand): (option: SlashCommandStringOption) => SlashCommandStringOption {
  const spec = LIST_COMMANDS[name];
  return (option) =>
    option
      .setName(spec.option)
      .setDescription(spec.help)
      .setRequired(true)
      .setMaxLength(spec.max)
      .setAutocomplete("autocomplete" in spec);
}

/** `follow Yann LeCun`, `categories cs.LG cs.CL`: the command layer's text for the chosen option. */
export function listInput(name: ListCommand, options: CommandOptions): string {
  return `${name} ${oneLine(options.getString(LIST_COMMANDS[name].option, true))}`;
}

/** The target's followed authors or muted phrases containing what was typed. */
export async function listChoices(
  service: CommandService,
  target: Target,
  name: ListCommand,
  typed: string,
): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const spec = LIST_COMMANDS[name];
  if (!("autocomplete" in spec)) return [];
  const needle = typed.trim().toLowerCase();
  const entries = await service.entriesOf(target, spec.autocomplete);
  return entries
    .filter((entry) => entry.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((entry) => ({ name: fitPlain(oneLine(entry), CHOICE_MAX), value: entry.slice(0, CHOICE_MAX) }));
}

/** `/follow name:…` and the like, acting on the user's own profile. */
export function personalListCommand(name: ListCommand, description: string): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(name)
      .setDescription(description)
      .setContexts(...PERSONAL_CONTEXTS)
      .addStringOption(listOption(name)),
    toRequest: (interaction) => personal(listInput(name, interaction.options)),
    autocomplete(interaction, service) {
      const target = { platform: "discord", kind: "user", id: interaction.user.id } as const;
      return listChoices(service, target, name, interaction.options.getFocused());
    },
  };
}

/** What each list command does, for its registration and for `/channel`'s subcommands. */
export const LIST_DESCRIPTIONS: Record<ListCommand, string> = {
  follow: "Always get the new papers of an author",
  unfollow: "Stop following an author",
  mute: "Never get papers about a topic",
  unmute: "Get papers about a muted topic again",
  categories: "Limit picks to some arXiv categories (or all)",
};

export const listSlashCommands: readonly SlashCommand[] = (Object.keys(LIST_COMMANDS) as ListCommand[]).map(
  (name) => personalListCommand(name, LIST_DESCRIPTIONS[name]),
);
