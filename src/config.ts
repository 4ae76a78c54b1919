import { z } from "zod";
import { ConfigError, type ConfigProblem } from "./config/error.js";
import * as field from "./config/fields.js";
import type { Config } from "./config/types.js";
import {
  CONFIG_DEFAULTS,
  CONFIG_VARIABLES,
  SECRET_VARIABLES,
  type ConfigVariable,
} from "./config/variables.js";

export { ConfigError, type ConfigProblem } from "./config/error.js";
export { describeConfig } from "./config/describe.js";
export type * from "./config/types.js";
export { CONFIG_DEFAULTS, CONFIG_VARIABLES, type ConfigVariable } from "./config/variables.js";

const envSchema = z.object({
  DATA_DIR: field.anyText,
  DATABASE_URL: field.databaseUrl.optional(),
  LOG_LEVEL: field.logLevel,
  NODE_ENV: field.anyText.optional(),
  DISCORD_TOKEN: field.discordToken.optional(),
  DISCORD_APP_ID: field.discordId.optional(),
  DISCORD_GUILD_ID: field.discordId.optional(),
  DISCORD_API_ROOT: field.httpRoot,
  DISCORD_SHARDS: field.shardList.optional(),
  DISCORD_SHARD_COUNT: field.wholeNumber(1, 100_000, "shards", 2).optional(),
  TELEGRAM_BOT_TOKEN: field.telegramToken.optional(),
  TELEGRAM_API_ROOT: field.httpRoot,
  TELEGRAM_WEBHOOK_URL: field.httpsUrl.optional(),
  TELEGRAM_WEBHOOK_SECRET: field.webhookSecret.optional(),
  TELEGRAM_WEBHOOK_PORT: field.port,
  HF_API_ROOT: field.httpRoot,
  ARXIV_API_ROOT: field.httpRoot,
  ARXIV_RSS_ROOT: field.httpRoot,
  ARXIV_CATEGORIES: field.arxivCategories,
  INGEST_CRON: field.cronExpression,
  INGEST_TIMEZONE: field.timeZone,
  INGEST_TIMEOUT: field.duration(10, 6 * 3_600, "5m"),
  DIGEST_GRACE_HOURS: field.wholeNumber(0, 24, "hours", 6),
  ARXIV_HOLIDAYS: field.dateList.optional(),
  DEFAULT_DIGEST_TIME: field.clockTime,
  DEFAULT_TIMEZONE: field.timeZone,
  HEALTH_PORT: field.port.optional(),
  ADMIN_IDS: field.adminIds.optional(),
} satisfies Record<ConfigVariable, z.ZodType>);

type Env = z.output<typeof envSchema>;
type RawValues = Partial<Record<ConfigVariable, string>>;

/**
 * Reads and validates paperboy's configuration. Empty values count as unset; defaults fill the rest.
 * Throws a ConfigError listing every problem at once, each naming the variable and the fix.
 *
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const { values, problems } = readVariables(env);
  const parsed = envSchema.safeParse(values);
  if (!parsed.success) problems.push(...parsed.error.issues.map(issueToProblem));
  problems.push(...crossCheck(values));
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(sortByVariable(problems).map((problem) => withoutSecrets(problem, values)));
  }
  return toConfig(parsed.data);
}

/** The credential values in a config, for the logger to scrub. */
export function configSecrets(config: Config): string[] {
  const secrets = [
    config.discord?.token,
    config.telegram?.token,
    config.telegram?.webhook?.secret,
    databasePassword(config.databaseUrl),
  ];
  return secrets.filter((secret): secret is string => secret !== undefined);
}

function databasePassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const password = decodeURIComponent(new URL(url).password);
  return password === "" ? undefined : password;
}

function readVariables(env: NodeJS.ProcessEnv): { values: RawValues; problems: ConfigProblem[] } {
  const values: RawValues = {};
  const problems: ConfigProblem[] = [];
  for (const variable of CONFIG_VARIABLES) {
    const text = env[variable]?.trim() || CONFIG_DEFAULTS[variable];
    const quoted = text !== undefined && text.length >= 2 && /^(["']).*\1$/s.test(text);
    if (quoted) {
      problems.push({
        variable,
        message: `${variable} is wrapped in quotes: remove them (docker --env-file keeps quotes as part of the value)`,
      });
    }
    values[variable] = quoted ? text.slice(1, -1) : text;
  }
  return { values, problems };
}

function issueToProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const variable = issue.path[0] as ConfigVariable;
  return { variable, message: `${variable} ${issue.message}` };
}

/** The messages never quote a secret; this makes sure no future wording can. */
function withoutSecrets(problem: ConfigProblem, values: RawValues): ConfigProblem {
  let message = problem.message;
  for (const variable of SECRET_VARIABLES) {
    const secret = values[variable];
    if (secret) message = message.replaceAll(secret, "[Redacted]");
  }
  return { ...problem, message };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function crossCheck(values: RawValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [...shardProblems(values)];
  if (values.TELEGRAM_WEBHOOK_URL !== undefined && values.TELEGRAM_WEBHOOK_SECRET === undefined) {
    problems.push({
      variable: "TELEGRAM_WEBHOOK_SECRET",
      message:
        "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set: " +
        `set it to ${field.WEBHOOK_SECRET_FORM}`,
    });
  }
  if (values.TELEGRAM_WEBHOOK_URL !== undefined && values.TELEGRAM_BOT_TOKEN === undefined) {
    problems.push({
      variable: "TELEGRAM_WEBHOOK_URL",
      message:
        "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set TELEGRAM_BOT_TOKEN, " +
        "or remove TELEGRAM_WEBHOOK_URL to run without Telegram",
    });
  }
  return problems;
}

/** Shard ids only mean something out of a total, and each must be below it. */
function shardProblems(values: RawValues): ConfigProblem[] {
  const { DISCORD_SHARDS: shards, DISCORD_SHARD_COUNT: count } = values;
  if (shards === undefined) return [];
  if (count === undefined) {
    return [
      {
        variable: "DISCORD_SHARDS",
        message:
          "DISCORD_SHARDS needs DISCORD_SHARD_COUNT: set it to the total number of shards across all instances, e.g. 2",
      },
    ];
  }
  const total = Number(count);
  const outside = shards.split(",").filter((id) => /^\d+$/.test(id.trim()) && Number(id) >= total);
  if (!Number.isInteger(total) || outside.length === 0) return [];
  return [
    {
      variable: "DISCORD_SHARDS",
      message: `DISCORD_SHARDS has ${outside.join(", ")}, but shard ids run from 0 to DISCORD_SHARD_COUNT - 1 (${total - 1})`,
    },
  ];
}

function sortByVariable(problems: ConfigProblem[]): ConfigProblem[] {
  const rank = (problem: ConfigProblem) => CONFIG_VARIABLES.indexOf(problem.variable);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

function toConfig(env: Env): Config {
  return {
    dataDir: env.DATA_DIR,
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    logLevel: env.LOG_LEVEL,
    production: env.NODE_ENV === "production",
    ...(env.DISCORD_TOKEN && {
      discord: {
        token: env.DISCORD_TOKEN,
        ...(env.DISCORD_APP_ID && { appId: env.DISCORD_APP_ID }),
        ...(env.DISCORD_GUILD_ID && { guildId: env.DISCORD_GUILD_ID }),
        apiRoot: env.DISCORD_API_ROOT,
        ...(env.DISCORD_SHARD_COUNT !== undefined && {
          shards: env.DISCORD_SHARDS ?? range(env.DISCORD_SHARD_COUNT),
          shardCount: env.DISCORD_SHARD_COUNT,
        }),
      },
    }),
    ...(env.TELEGRAM_BOT_TOKEN && {
      telegram: {
        token: env.TELEGRAM_BOT_TOKEN,
        apiRoot: env.TELEGRAM_API_ROOT,
        ...(env.TELEGRAM_WEBHOOK_URL &&
          env.TELEGRAM_WEBHOOK_SECRET && {
            webhook: {
              url: env.TELEGRAM_WEBHOOK_URL,
              secret: env.TELEGRAM_WEBHOOK_SECRET,
              port: env.TELEGRAM_WEBHOOK_PORT,
            },
          }),
      },
    }),
    sources: {
      hfApiRoot: env.HF_API_ROOT,
      arxivApiRoot: env.ARXIV_API_ROOT,
      arxivRssRoot: env.ARXIV_RSS_ROOT,
      categories: env.ARXIV_CATEGORIES,
      ingestCron: env.INGEST_CRON,
      ingestTimezone: env.INGEST_TIMEZONE,
      ingestTimeoutMs: env.INGEST_TIMEOUT,
    },
    digest: {
      graceHours: env.DIGEST_GRACE_HOURS,
      arxivHolidays: env.ARXIV_HOLIDAYS ?? [],
      defaultTime: env.DEFAULT_DIGEST_TIME,
      defaultTimezone: env.DEFAULT_TIMEZONE,
    },
    ...(env.HEALTH_PORT !== undefined && { healthPort: env.HEALTH_PORT }),
    ...(env.ADMIN_IDS && { admins: env.ADMIN_IDS }),
  };
}
