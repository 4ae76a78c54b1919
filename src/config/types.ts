export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DiscordConfig {
  token: string;
  /** Needed by `npm run discord:deploy`; the bot itself learns it at login. */
  appId?: string;
  /** Registers commands in this one server (instant) instead of globally. */
  guildId?: string;
  apiRoot: string;
  /** Gateway shards this instance runs (DISCORD_SHARDS), out of `shardCount`; absent: discord.js decides. */
  shards?: number[];
  shardCount?: number;
}

export interface TelegramWebhookConfig {
  /** Public HTTPS address Telegram posts updates to. */
  url: string;
  /** Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token`, so forged updates are refused. */
  secret: string;
  /** Local port the webhook server listens on (behind the proxy that serves `url`). */
  port: number;
}

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  /** Absent: long polling. */
  webhook?: TelegramWebhookConfig;
}

export interface SourcesConfig {
  hfApiRoot: string;
  arxivApiRoot: string;
  arxivRssRoot: string;
  /** arXiv categories to ingest, e.g. `cs.LG`. */
  categories: string[];
  ingestCron: string;
  ingestTimezone: string;
  /** INGEST_TIMEOUT: how long each source's ingest run may take, retries and waits included, in ms. */
  ingestTimeoutMs: number;
}

export interface DigestConfig {
  /** How late a missed digest may still be sent, in hours. */
  graceHours: number;
  /** `HH:MM`, used by `/subscribe` when no time is given. */
  defaultTime: string;
  /** IANA zone used by `/subscribe` when no zone is given. */
  defaultTimezone: string;
  /** ARXIV_HOLIDAYS: holidays beyond the built-in list (see ArxivCalendar), `YYYY-MM-DD`. */
  arxivHolidays: string[];
}

/** paperboy's whole configuration, read once at startup from the environment. */
export interface Config {
  dataDir: string;
  /** Present when DATABASE_URL is set: the store is Postgres instead of the files in `dataDir`. */
  databaseUrl?: string;
  logLevel: LogLevel;
  /** NODE_ENV=production: JSON logs instead of readable ones. */
  production: boolean;
  /** Present only when DISCORD_TOKEN is set. */
  discord?: DiscordConfig;
  /** Present only when TELEGRAM_BOT_TOKEN is set. */
  telegram?: TelegramConfig;
  sources: SourcesConfig;
  digest: DigestConfig;
  /** Port of the `/healthz` endpoint; absent: no health server. */
  healthPort?: number;
  /**
   * ADMIN_IDS: the operators, as `platform:userId` (`discord:123`), who see delivery failures and
   * paused digests in `/status`. Absent: nobody does.
   */
  admins?: string[];
}
