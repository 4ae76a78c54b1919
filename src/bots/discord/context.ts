import type { BaseInteraction } from "discord.js";
import type { CommandContext } from "../../core/commands/context.js";
import type { Target } from "../../core/target.js";
import type { CommandScope } from "./commands/types.js";
import { canManageChannel, missingThreadPermissions } from "./permissions.js";

/** What the command layer needs to know about who acts, and on whose profile. */
export function commandContextFor(interaction: BaseInteraction, scope: CommandScope): CommandContext {
  const userId = interaction.user.id;
  const name = displayNameOf(interaction);
  const userName = name === undefined ? {} : { userName: name };
  if (scope === "user") {
    const target: Target = { platform: "discord", kind: "user", id: userId };
    // "user:" tells delivery to open a DM at once: a bare id is tried as a channel first, and
    // thousands of failed channel look-ups count as invalid requests that get a bot banned.
    return {
      platform: "discord",
      userId,
      ...userName,
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
    ...userName,
    target,
    canManage: async () => canManageChannel(interaction),
    missingThreadPermissions: async () => missingThreadPermissions(interaction),
  };
}

/**
 * The name other members see for the person: their server nickname, else their display (global)
 * name, else their username. A member arrives as a GuildMember when the server is cached, else as
 * the raw payload (`nick`); in a DM there is no member.
 */
export function displayNameOf(interaction: BaseInteraction): string | undefined {
  const member = interaction.member;
  const nickname = member ? ("nickname" in member ? member.nickname : member.nick) : undefined;
  return nickname || interaction.user.globalName || interaction.user.username || undefined;
}
