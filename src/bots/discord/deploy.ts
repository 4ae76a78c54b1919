import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REST, Routes } from "discord.js";
import { discordRestOptions } from "./client.js";
import { commandDefinitions } from "./commands/index.js";
import { describeError, isRejectedToken } from "./discord-errors.js";

const DEFAULT_API_ROOT = "https://discord.com/api";

export interface DeployResult {
  scope: { guildId: string } | "global";
  commands: { id: string; name: string }[];
}

/**
 * Registers every slash command, replacing the previous set: in one guild when `guildId` is given
 * (instant, for testing), else globally.
 */
export async function deployCommands(rest: REST, appId: string, guildId?: string): Promise<DeployResult> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as {
    id: string;
    name: string;
  }[];
  return {
    scope: guildId ? { guildId } : "global",
    commands: registered.map(({ id, name }) => ({ id, name })),
  };
}

async function main(): Promise<number> {
  const token = process.env.DISCORD_TOKEN?.trim();
  const appId = process.env.DISCORD_APP_ID?.trim();
  const guildId = process.env.DISCORD_GUILD_ID?.trim() || undefined;
  const apiRoot = process.env.DISCORD_API_ROOT?.trim() || DEFAULT_API_ROOT;
  const missing = [
    !token && "DISCORD_TOKEN (the bot token)",
    !appId && "DISCORD_APP_ID (the application id)",
  ];
  if (!token || !appId) {
    console.error(`Cannot register commands: set ${missing.filter(Boolean).join(" and ")}.`);
    console.error("Both are on your application's pages at https://discord.com/developers/applications.");
    return 1;
  }
  const badId = [
    ["DISCORD_APP_ID", appId],
    ["DISCORD_GUILD_ID", guildId],
  ].find(([, id]) => id && !/^\d+$/.test(id));
  if (badId) {
    console.error(`${badId[0]} must be a numeric Discord id (Developer Mode → right click → Copy ID).`);
    return 1;
  }
  const rest = new REST(discordRestOptions(apiRoot)).setToken(token);
  try {
    const result = await deployCommands(rest, appId, guildId);
    const where =
      result.scope === "global" ? "globally (may take up to an hour to appear)" : `in guild ${guildId}`;
    console.log(`Registered ${result.commands.length} commands ${where}:`);
    for (const command of result.commands) console.log(`  /${command.name}  (${command.id})`);
    return 0;
  } catch (error) {
    if (isRejectedToken(error)) console.error("Discord rejected DISCORD_TOKEN: set a valid bot token.");
    else console.error(`Registering commands failed: ${describeError(error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
