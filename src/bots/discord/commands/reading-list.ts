import { SlashCommandBuilder } from "discord.js";
import type { ChatInputCommandInteraction, SlashCommandStringOption } from "discord.js";
import { PERSONAL_CONTEXTS } from "./contexts.js";
import { commandText, oneLine } from "./text.js";
import type { CommandRequest, SlashCommand } from "./types.js";

export const CHANNEL_LIST_ONLY_IN_SERVERS =
  "A channel's reading list lives in a server channel: run this there, or leave out `where` for your own list.";

/**
 * Every reading-list command takes `where`: the member's own list (the default) or the channel's
 * shared one. `/channel` is for members with Manage Channels, so the channel's list is reached
 * here instead: any member may save, list and export it; the command layer decides who may unsave.
 */
function whereOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("where")
    .setDescription("Your own reading list (the default) or this channel's shared one")
    .addChoices({ name: "my list", value: "me" }, { name: "this channel's list", value: "channel" });
}

function paperOption(description: string) {
  return (option: SlashCommandStringOption) =>
    option.setName("paper").setDescription(description).setRequired(true).setMaxLength(300);
}

/** The command-layer text to run, for the list `where` names. */
function listRequest(interaction: ChatInputCommandInteraction, input: string): CommandRequest {
  if (interaction.options.getString("where") !== "channel") return { kind: "run", scope: "user", input };
  if (!interaction.inGuild()) return { kind: "refuse", message: CHANNEL_LIST_ONLY_IN_SERVERS };
  return { kind: "run", scope: "channel", input };
}

/** `/save paper [where]` → `save <id>`. */
export const saveCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("save")
    .setDescription("Keep a paper on a reading list (🔖 under a paper does the same)")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption(paperOption("An arXiv id or link, e.g. 2410.12345"))
    .addStringOption(whereOption),
  toRequest: (interaction) =>
    listRequest(interaction, `save ${oneLine(interaction.options.getString("paper", true))}`),
};

/** `/unsave paper [where]` → `unsave <id>`. */
export const unsaveCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("unsave")
    .setDescription("Take a paper off a reading list")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption(paperOption("The saved paper's arXiv id or link, e.g. 2410.12345"))
    .addStringOption(whereOption),
  toRequest: (interaction) =>
    listRequest(interaction, `unsave ${oneLine(interaction.options.getString("paper", true))}`),
};

/** `/saved [page] [where]` → `saved [page]`. */
export const savedCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("saved")
    .setDescription("The papers on a reading list, newest first")
    .setContexts(...PERSONAL_CONTEXTS)
    .addIntegerOption((option) =>
      option.setName("page").setDescription("Which page, from 1").setMinValue(1).setMaxValue(999_999),
    )
    .addStringOption(whereOption),
  toRequest(interaction) {
    const page = interaction.options.getInteger("page");
    return listRequest(interaction, commandText("saved", page === null ? undefined : String(page)));
  },
};

/** `/export [format] [where]` → `export [bibtex|ris|csl]`; the file comes back with the reply. */
export const exportCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("export")
    .setDescription("Get a reading list as a BibTeX, RIS or CSL-JSON file")
    .setContexts(...PERSONAL_CONTEXTS)
    .addStringOption((option) =>
      option
        .setName("format")
        .setDescription("The file format (BibTeX unless chosen)")
        .addChoices(
          { name: "BibTeX (.bib)", value: "bibtex" },
          { name: "RIS (.ris)", value: "ris" },
          { name: "CSL-JSON (.json)", value: "csl" },
        ),
    )
    .addStringOption(whereOption),
  toRequest: (interaction) =>
    listRequest(interaction, commandText("export", interaction.options.getString("format") ?? undefined)),
};

export const readingListCommands: readonly SlashCommand[] = [
  saveCommand,
  unsaveCommand,
  savedCommand,
  exportCommand,
];
