import type { BaseInteraction } from "discord.js";
import type { CommandContext } from "../../core/commands/context.js";
import type { Target } from "../../core/target.js";
import type { CommandScope } from "./commands/types.js";
import { canManageChannel, missingThreadPermissions } from "./permissions.js";

/** What the command layer needs to know about who acts, and on whose profile. */
export function commandContextFor(interaction: BaseInteraction, scope: CommandScope): CommandContext {
  const userId = interaction.user.id;
  if (scope === "user") {
    const target: Target = { platform: "discord", kind: "user", id: userId };
    // "user:" tells delivery to open a DM at once: a bare id is tried as a channel first, and
    // thousands of failed channel look-ups count as invalid requests that get a bot banned.
    return {
      platform: "discord",
      userId,
      target,
      canManage: async () => true,
      replyChatId: `user:${userId}`,
    };
  }
  if (!interaction.channelId) throw new Error("A channel command arrived without a channel id");
  const target: Target = { platform: "discord", kind: "channel", id: interaction.channelId };
  return {
    platform: "discord",
    userId,
    target,
    canManage: async () => canManageChannel(interaction),
    missingThreadPermissions: async () => missingThreadPermissions(interaction),
  };
}
