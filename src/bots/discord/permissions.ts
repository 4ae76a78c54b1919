import { PermissionFlagsBits } from "discord.js";
import type { BaseInteraction } from "discord.js";

/**
 * Whether the member may change the channel's digest: checked on every use from the permissions
 * Discord sends with the interaction, because a server can override the command's default permissions.
 */
export function canManageChannel(interaction: BaseInteraction): boolean {
  return (
    interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false)
  );
}

/** What a thread per paper needs of the bot in the channel, by the names Discord's settings show. */
const THREAD_PERMISSIONS = [
  { flag: PermissionFlagsBits.CreatePublicThreads, name: "Create Public Threads" },
  { flag: PermissionFlagsBits.SendMessagesInThreads, name: "Send Messages in Threads" },
] as const;

/**
 * The thread permissions the bot lacks in the interaction's channel, read from the permissions
 * Discord sends with every interaction (`app_permissions`), so asking costs no API call.
 */
export function missingThreadPermissions(interaction: BaseInteraction): string[] {
  const granted = interaction.appPermissions;
  return THREAD_PERMISSIONS.filter(({ flag }) => !granted?.has(flag)).map(({ name }) => name);
}
