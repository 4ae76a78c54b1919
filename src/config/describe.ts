import type { Config } from "./types.js";

/** Scheme, host and path of a URL, without credentials, query or fragment, which may hold secrets. */
function safeUrl(text: string, keepPath = true): string {
  const url = new URL(text);
  const path = keepPath ? url.pathname.replace(/\/+$/, "") : "";
  return `${url.protocol}//${url.host}${path}`;
}

function describeDiscord(discord: Config["discord"]): string {
  if (!discord) return "discord off";
  const app = discord.appId ? `app ${discord.appId}` : "app id unset";
  const scope = discord.guildId ? `guild ${discord.guildId}` : "global commands";
  const shards = discord.shardCount ? `, shards ${discord.shards?.join(",")} of ${discord.shardCount}` : "";
  return `discord on (token set, ${app}, ${scope}${shards}, api ${safeUrl(discord.apiRoot)})`;
}

function describeTelegram(telegram: Config["telegram"]): string {
  if (!telegram) return "telegram off";
  const mode = telegram.webhook
    ? `webhook ${safeUrl(telegram.webhook.url, false)} on port ${telegram.webhook.port}, secret set`
    : "long polling";
  return `telegram on (token set, ${mode}, api ${safeUrl(telegram.apiRoot)})`;
}

/**
 * A one-line summary for the startup log: which adapters run and where data and papers come from.
 * Tokens and secrets appear only as "set"; URLs lose credentials, queries and webhook paths.
 */
export function describeConfig(config: Config): string {
  const { sources, digest } = config;
  return [
    describeDiscord(config.discord),
    describeTelegram(config.telegram),
    config.databaseUrl ? `store postgres ${safeUrl(config.databaseUrl)}` : `data ${config.dataDir}`,
    `sources hf ${safeUrl(sources.hfApiRoot)}, arxiv ${safeUrl(sources.arxivApiRoot)}, ` +
      `rss ${safeUrl(sources.arxivRssRoot)}, categories ${sources.categories.join(",")}`,
    `ingest "${sources.ingestCron}" ${sources.ingestTimezone}`,
    `digest default ${digest.defaultTime} ${digest.defaultTimezone}, grace ${digest.graceHours}h`,
    `health ${config.healthPort === undefined ? "off" : `port ${config.healthPort}`}`,
    `log ${config.logLevel} ${config.production ? "json" : "pretty"}`,
  ].join(" · ");
}
