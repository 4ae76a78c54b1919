import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REST, Routes } from "discord.js";
import { ConfigError, loadConfig, type DiscordConfig } from "../../config.js";
import { discordRestOptions } from "./client.js";
import { commandDefinitions } from "./commands/index.js";
import { describeError, isRejectedToken } from "./discord-errors.js";

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

/** What registering commands needs from the environment, or the message saying what to fix. */
export type DeploySettings =
  | { ok: true; token: string; appId: string; guildId?: string; apiRoot: string }
  | { ok: false; message: string };

/** Reads the Discord settings through `loadConfig`, so they get the same checks as the bot's own start. */
export function deploySettings(env: NodeJS.ProcessEnv): DeploySettings {
  let discord: DiscordConfig | undefined;
  try {
    discord = loadConfig(env).discord;
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
  const missing = [
    !discord && "DISCORD_TOKEN (the bot token)",
    // Without a token the configuration holds no Discord part, so the id is looked for where it was set.
    !(discord?.appId ?? env.DISCORD_APP_ID?.trim()) && "DISCORD_APP_ID (the application id)",
  ].filter(Boolean);
  if (!discord?.appId) {
    return {
      ok: false,
      message:
        `Cannot register commands: set ${missing.join(" and ")}. ` +
        "Find them on your application's pages at https://discord.com/developers/applications.",
    };
  }
  const { token, appId, guildId, apiRoot } = discord;
  return { ok: true, token, appId, apiRoot, ...(guildId ? { guildId } : {}) };
}

async function main(): Promise<number> {
  const settings = deploySettings(process.env);
  if (!settings.ok) {
    console.error(settings.message);
    return 1;
  }
  const { token, appId, guildId, apiRoot } = settings;
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
