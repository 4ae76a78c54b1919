import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { channelCommand } from "./channel.js";
import { findCommand } from "./find.js";
import { helpCommand } from "./help.js";
import { importCommand } from "./import.js";
import { interestsCommand } from "./interests.js";
import { listSlashCommands } from "./list-commands.js";
import { paperCommand } from "./paper.js";
import { picksCommand } from "./picks.js";
import { readingListCommands } from "./reading-list.js";
import { settingsCommand } from "./settings.js";
import { statusCommand } from "./status.js";
import { similarCommand } from "./similar.js";
import { subscribeCommand } from "./subscribe.js";
import { unsubscribeCommand } from "./unsubscribe.js";
import type { SlashCommand } from "./types.js";

/** Every slash command paperboy registers, in the order `/help` presents them. */
export const slashCommands: readonly SlashCommand[] = [
  findCommand,
  interestsCommand,
  ...listSlashCommands,
  importCommand,
  picksCommand,
  subscribeCommand,
  unsubscribeCommand,
  settingsCommand,
  statusCommand,
  similarCommand,
  paperCommand,
  ...readingListCommands,
  helpCommand,
  channelCommand,
];

/** The registration bodies for `PUT /applications/{app}/commands`. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return slashCommands.map((command) => command.data.toJSON());
}
