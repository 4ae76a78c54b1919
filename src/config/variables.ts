/** Every environment variable paperboy reads, in the order they are documented and reported. */
export const CONFIG_VARIABLES = [
  "DATA_DIR",
  "DATABASE_URL",
  "LOG_LEVEL",
  "NODE_ENV",
  "DISCORD_TOKEN",
  "DISCORD_APP_ID",
  "DISCORD_GUILD_ID",
  "DISCORD_API_ROOT",
  "DISCORD_SHARDS",
  "DISCORD_SHARD_COUNT",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_API_ROOT",
  "TELEGRAM_WEBHOOK_URL",
  "TELEGRAM_WEBHOOK_SECRET",
  "TELEGRAM_WEBHOOK_PORT",
  "HF_API_ROOT",
  "ARXIV_API_ROOT",
  "ARXIV_RSS_ROOT",
  "ARXIV_CATEGORIES",
  "INGEST_CRON",
  "INGEST_TIMEZONE",
  "INGEST_TIMEOUT",
  "DIGEST_GRACE_HOURS",
  "ARXIV_HOLIDAYS",
  "DEFAULT_DIGEST_TIME",
  "DEFAULT_TIMEZONE",
  "HEALTH_PORT",
  "ADMIN_IDS",
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** The value used when a variable is unset or empty; variables without an entry stay unset. */
export const CONFIG_DEFAULTS: Partial<Record<ConfigVariable, string>> = {
  DATA_DIR: "./data",
  LOG_LEVEL: "info",
  DISCORD_API_ROOT: "https://discord.com/api",
  TELEGRAM_API_ROOT: "https://api.telegram.org",
  TELEGRAM_WEBHOOK_PORT: "8080",
  HF_API_ROOT: "https://huggingface.co",
  ARXIV_API_ROOT: "https://export.arxiv.org",
  ARXIV_RSS_ROOT: "https://rss.arxiv.org",
  ARXIV_CATEGORIES: "cs.LG,cs.CL,cs.AI,cs.CV",
  INGEST_CRON: "30 5 * * *",
  INGEST_TIMEZONE: "UTC",
  INGEST_TIMEOUT: "5m",
  DIGEST_GRACE_HOURS: "6",
  DEFAULT_DIGEST_TIME: "08:00",
  DEFAULT_TIMEZONE: "UTC",
};

/** Variables whose values are credentials: never echoed in errors, scrubbed from logs. */
export const SECRET_VARIABLES: ReadonlySet<ConfigVariable> = new Set([
  "DISCORD_TOKEN",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "DATABASE_URL",
]);
