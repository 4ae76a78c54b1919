import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { ChatInputCommandInteraction } from "discord.js";
import { canManageChannel } from "../permissions.js";
import { importFileOption, importIdsOption, importRequest } from "./import.js";
import { interestChoices, interestSubcommands, interestsInput } from "./interest-options.js";
import {
  isListCommand,
  LIST_COMMANDS,
  LIST_DESCRIPTIONS,
  listChoices,
  listInput,
  type ListCommand,
  listSubcommand,
} from "./list-commands.js";
import {
  countOption,
  daysOption,
  noteOption,
  subscribeInput,
  threadsOption,
  timeOption,
  timezoneOption,
} from "./subscribe-options.js";
import { timezoneChoices } from "./timezones.js";
import type { CommandRequest, SlashCommand } from "./types.js";
import { recapGroup, recapInput } from "./recap-options.js";

export const CHANNEL_ONLY_IN_SERVERS =
  "/channel manages a server channel's digest, so it only works inside a server channel. " +
  "For your own DM digest use /subscribe and /interests.";

export const CHANNEL_NEEDS_MANAGE_CHANNELS =
  "Only members with the Manage Channels permission can change this channel's digest. " +
  "You can still use /subscribe and /interests for your own DM digest.";

const data = new SlashCommandBuilder()
  .setName("channel")
  .setDescription("This channel's daily digest and interests (Manage Channels)")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .addSubcommand((subcommand) =>
    subcommand
      .setName("subscribe")
      .setDescription("Post a daily paper digest in this channel")
      .addStringOption(timeOption)
      .addStringOption(timezoneOption)
      .addIntegerOption(countOption)
      .addStringOption(daysOption)
      .addStringOption(noteOption)
      .addStringOption(threadsOption),
  )
  .addSubcommand((subcommand) =>
    subcommand.setName("unsubscribe").setDescription("Stop this channel's digest"),
  )
  .addSubcommand((subcommand) =>
    subcommand.setName("settings").setDescription("Show this channel's digest settings and interests"),
  )
  .addSubcommand((subcommand) =>
    subcommand.setName("picks").setDescription("Preview today's picks for this channel"),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName("import")
      .setDescription("Shape this channel's picks with a library export or arXiv ids")
      .addAttachmentOption(importFileOption)
      .addStringOption(importIdsOption),
  )
  .addSubcommandGroup((group) => {
    group.setName("interests").setDescription("The topics this channel's digest follows");
    for (const subcommand of interestSubcommands("this channel's")) group.addSubcommand(subcommand);
    return group;
  })
  .addSubcommandGroup(recapGroup());
for (const name of Object.keys(LIST_COMMANDS) as ListCommand[]) {
  data.addSubcommand(listSubcommand(name, `${LIST_DESCRIPTIONS[name]}, for this channel`));
}

/** `/channel …` → the same commands acting on the channel, for members with Manage Channels only. */
export const channelCommand: SlashCommand = {
  data,
  toRequest(interaction) {
    const refusal = refusalFor(interaction);
    if (refusal) return refusal;
    if (interaction.options.getSubcommand(false) === "import")
      return importRequest(interaction.options, "channel");
    const group = interaction.options.getSubcommandGroup();
    const input =
      group === "interests"
        ? interestsInput(interaction.options)
        : group === "recap"
          ? recapInput(interaction.options)
          : channelSubcommandInput(interaction);
    return { kind: "run", scope: "channel", input };
  },
  async autocomplete(interaction, service) {
    if (!canManageChannel(interaction)) return [];
    const focused = interaction.options.getFocused(true);
    if (focused.name === "timezone") return timezoneChoices(focused.value);
    const target = { platform: "discord", kind: "channel", id: interaction.channelId ?? "" } as const;
    if (!target.id) return [];
    const subcommand = interaction.options.getSubcommand(false) ?? "";
    if (isListCommand(subcommand)) return listChoices(service, target, subcommand, focused.value);
    return interestChoices(service, target, focused.value);
  },
};

function refusalFor(interaction: ChatInputCommandInteraction): CommandRequest | undefined {
  if (!interaction.inGuild()) return { kind: "refuse", message: CHANNEL_ONLY_IN_SERVERS };
  if (!canManageChannel(interaction)) return { kind: "refuse", message: CHANNEL_NEEDS_MANAGE_CHANNELS };
  return undefined;
}

function channelSubcommandInput(interaction: ChatInputCommandInteraction): string {
  const subcommand = interaction.options.getSubcommand(true);
  if (isListCommand(subcommand)) return listInput(subcommand, interaction.options);
  return subcommand === "subscribe" ? subscribeInput(interaction.options) : subcommand;
}
