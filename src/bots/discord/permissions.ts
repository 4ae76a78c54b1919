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
