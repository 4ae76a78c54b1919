import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, configSecrets, loadConfig } from "../../src/config.js";
import { fakeDiscordToken, fakeTelegramToken, fakeWebhookSecret } from "./fakeTokens.js";

function problemsOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected loadConfig to throw a ConfigError");
}

describe("loadConfig with valid environments", () => {
  it("applies the documented defaults to an empty environment and turns both bots off", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      dataDir: "./data",
      logLevel: "info",
      production: false,
      sources: {
        hfApiRoot: "https://huggingface.co",
        arxivApiRoot: "https://export.arxiv.org",
        arxivRssRoot: "https://rss.arxiv.org",
        categories: ["cs.LG", "cs.CL", "cs.AI", "cs.CV"],
        ingestCron: "30 5 * * *",
        ingestTimezone: "UTC",
        ingestTimeoutMs: 300_000,
      },
      digest: { graceHours: 6, arxivHolidays: [], defaultTime: "08:00", defaultTimezone: "UTC" },
    });
  });

  it("treats empty and blank values as unset", () => {
    const blank = Object.fromEntries(CONFIG_VARIABLES.map((name, i) => [name, i % 2 ? "" : "   "]));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it("turns Discord on with the token and keeps the optional ids", () => {
    const token = fakeDiscordToken();
    const config = loadConfig({ DISCORD_TOKEN: token, DISCORD_APP_ID: "123456789012345678" });
    expect(config.discord).toEqual({
      token,
      appId: "123456789012345678",
      apiRoot: "https://discord.com/api",
    });
    expect(config.telegram).toBeUndefined();
  });

  it("turns Telegram on with long polling, or with a webhook when its URL and secret are set", () => {
    const token = fakeTelegramToken();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).telegram).toEqual({
      token,
      apiRoot: "https://api.telegram.org",
    });
    const secret = fakeWebhookSecret();
    const webhook = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: secret,
      TELEGRAM_WEBHOOK_PORT: "9000",
    }).telegram?.webhook;
    expect(webhook).toEqual({ url: "https://bot.example.org/telegram", secret, port: 9000 });
  });

  it("normalises values an operator might write loosely", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      LOG_LEVEL: "debug",
      HF_API_ROOT: "http://127.0.0.1:8080/hf/",
      ARXIV_CATEGORIES: " cs.LG, hep-th,,stat.ML, cs.LG ",
      INGEST_CRON: "0  30 5 * * 1-5",
      INGEST_TIMEZONE: "europe/paris",
      DEFAULT_DIGEST_TIME: "7:45",
      DIGEST_GRACE_HOURS: "0",
      HEALTH_PORT: "8081",
    });
    expect(config.production).toBe(true);
    expect(config.logLevel).toBe("debug");
    expect(config.sources.hfApiRoot).toBe("http://127.0.0.1:8080/hf");
    expect(config.sources.categories).toEqual(["cs.LG", "hep-th", "stat.ML"]);
    expect(config.sources.ingestCron).toBe("0 30 5 * * 1-5");
    expect(config.sources.ingestTimezone).toBe("Europe/Paris");
    expect(config.digest).toMatchObject({ defaultTime: "07:45", graceHours: 0 });
    expect(config.healthPort).toBe(8081);
  });

  it.each([
    ["300", 300_000],
    ["5m", 300_000],
    ["5min", 300_000],
    ["90s", 90_000],
    ["1m30s", 90_000],
    ["1h", 3_600_000],
    ["1h 30m", 5_400_000],
    ["10S", 10_000],
  ])("reads INGEST_TIMEOUT %j as %d ms", (value, ms) => {
    expect(loadConfig({ INGEST_TIMEOUT: value }).sources.ingestTimeoutMs).toBe(ms);
  });

  it("lists the credentials the logger must scrub", () => {
    const [discord, telegram, secret] = [fakeDiscordToken(), fakeTelegramToken(), fakeWebhookSecret()];
    const config = loadConfig({
      DISCORD_TOKEN: discord,
      TELEGRAM_BOT_TOKEN: telegram,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook",
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    expect(configSecrets(config).sort()).toEqual([discord, telegram, secret].sort());
    expect(configSecrets(loadConfig({}))).toEqual([]);
  });
});

describe("loadConfig with invalid environments", () => {
  const cases: [variable: string, value: string, fix: string][] = [
    ["LOG_LEVEL", "loud", "use one of fatal, error, warn, info, debug, trace, silent"],
    ["DISCORD_APP_ID", "my-app", "17 to 20 digits"],
    ["DISCORD_API_ROOT", "discord.com/api", "use a full address such as https://example.org"],
    ["TELEGRAM_API_ROOT", "ftp://api.telegram.org", "use a full address"],
    ["TELEGRAM_WEBHOOK_PORT", "70000", "use a whole number from 1 to 65535"],
    ["ARXIV_CATEGORIES", "cs.LG, machine learning", 'has "machine learning"'],
    ["ARXIV_CATEGORIES", ", ,", "must list 1 to 50 categories"],
    ["INGEST_CRON", "61 5 * * *", 'e.g. "30 5 * * *"'],
    ["INGEST_CRON", "every morning", "use 5 fields"],
    ["INGEST_TIMEZONE", "Mars/Olympus_Mons", "use a name such as UTC, Europe/Paris"],
    ["INGEST_TIMEOUT", "5 minutes", "use seconds (e.g. 300) or a duration such as 5m, 90s or 1h"],
    ["INGEST_TIMEOUT", "500ms", "is not a duration from 10 s to 6 h"],
    ["INGEST_TIMEOUT", "5", "is not a duration from 10 s to 6 h"],
    ["INGEST_TIMEOUT", "7h", "is not a duration from 10 s to 6 h"],
    ["INGEST_TIMEOUT", "h", "use seconds"],
    ["DEFAULT_TIMEZONE", "+02:00", "use a name such as UTC"],
    ["DEFAULT_DIGEST_TIME", "25:00", "use HH:MM on a 24-hour clock"],
    ["DEFAULT_DIGEST_TIME", "8am", "use HH:MM"],
    ["DIGEST_GRACE_HOURS", "-1", "from 0 to 24"],
    ["DIGEST_GRACE_HOURS", "2.5", "whole number of hours"],
    ["ARXIV_HOLIDAYS", "2027-02-30", "use YYYY-MM-DD dates separated by commas"],
    ["ARXIV_HOLIDAYS", "Christmas", "use YYYY-MM-DD dates"],
    ["HEALTH_PORT", "0", "from 1 to 65535"],
    ["HEALTH_PORT", "http", "from 1 to 65535"],
  ];

  it.each(cases)("names %s = %j and the fix", (variable, value, fix) => {
    const error = problemsOf({ [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.variable).toBe(variable);
    expect(error.problems[0]?.message).toMatch(new RegExp(`^${variable} .*: `));
    expect(error.message).toContain(fix);
  });

  it("reports every problem at once, in the documented order", () => {
    const error = problemsOf({ HEALTH_PORT: "x", LOG_LEVEL: "loud", INGEST_TIMEZONE: "Nowhere" });
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      "LOG_LEVEL",
      "INGEST_TIMEZONE",
      "HEALTH_PORT",
    ]);
    expect(error.message).toContain("3 problems");
    for (const problem of error.problems) expect(error.message).toContain(problem.message);
  });

  it("requires a webhook secret with a webhook URL, and a bot token", () => {
    const error = problemsOf({ TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram" });
    expect(error.problems.map((problem) => problem.message)).toEqual([
      "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set TELEGRAM_BOT_TOKEN, " +
        "or remove TELEGRAM_WEBHOOK_URL to run without Telegram",
      "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set: " +
        "set it to 1–256 characters of A-Z, a-z, 0-9, _ or -",
    ]);
  });

  it("refuses a plain-http webhook URL", () => {
    const error = problemsOf({
      TELEGRAM_BOT_TOKEN: fakeTelegramToken(),
      TELEGRAM_WEBHOOK_URL: "http://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: fakeWebhookSecret(),
    });
    expect(error.problems[0]?.message).toContain("TELEGRAM_WEBHOOK_URL is not an https URL");
  });

  it("explains quoted values, which docker --env-file keeps literally", () => {
    const error = problemsOf({ DEFAULT_TIMEZONE: '"Europe/Paris"' });
    expect(error.message).toContain("DEFAULT_TIMEZONE is wrapped in quotes: remove them");
    expect(error.problems).toHaveLength(1);
  });

  it("never echoes a malformed secret, while still naming the variable and the fix", () => {
    const telegram = `bot${fakeTelegramToken()}`;
    const discord = `Bot ${fakeDiscordToken()}`;
    const secret = `${fakeWebhookSecret()}!`;
    const quoted = `'${fakeTelegramToken()}'`;
    for (const [env, expected] of [
      [{ TELEGRAM_BOT_TOKEN: telegram }, "TELEGRAM_BOT_TOKEN is not a Telegram bot token: paste the token"],
      [
        { DISCORD_TOKEN: discord },
        "DISCORD_TOKEN is not a Discord bot token: copy it from the Developer Portal",
      ],
      [{ TELEGRAM_BOT_TOKEN: quoted }, "TELEGRAM_BOT_TOKEN is wrapped in quotes"],
      [
        {
          TELEGRAM_BOT_TOKEN: fakeTelegramToken(),
          TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
          TELEGRAM_WEBHOOK_SECRET: secret,
        },
        "TELEGRAM_WEBHOOK_SECRET is not a valid webhook secret: set it to 1–256 characters",
      ],
    ] as const) {
      const error = problemsOf(env);
      expect(error.message).toContain(expected);
      for (const value of Object.values(env)) {
        if (!value.startsWith("https://"))
          expect(error.message).not.toContain(value.replace(/^['"]|['"]$/g, ""));
      }
    }
  });

  it("does not echo a webhook URL, whose path may hold a secret", () => {
    const path = fakeWebhookSecret();
    const error = problemsOf({
      TELEGRAM_BOT_TOKEN: fakeTelegramToken(),
      TELEGRAM_WEBHOOK_URL: `ws://x/${path}`,
    });
    expect(error.message).not.toContain(path);
  });

  it("refuses a DATABASE_URL that is not a Postgres URL, naming the form without echoing it", () => {
    const password = fakeWebhookSecret();
    const error = problemsOf({ DATABASE_URL: `mysql://paperboy:${password}@db/paperboy` });
    expect(error.message).toMatch(/DATABASE_URL is not a Postgres URL: use postgres:\/\/USER:PASSWORD@HOST/);
    expect(error.message).not.toContain(password);
  });
});

describe("DATABASE_URL", () => {
  it("selects Postgres and lists its password among the credentials to scrub", () => {
    const password = fakeWebhookSecret();
    const config = loadConfig({ DATABASE_URL: `postgres://paperboy:${password}@db:5432/paperboy` });
    expect(config.databaseUrl).toBe(`postgres://paperboy:${password}@db:5432/paperboy`);
    expect(configSecrets(config)).toContain(password);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });
});

describe("Discord shards", () => {
  it("gives an instance the shards it names out of the total, or all of them with only the total", () => {
    const token = fakeDiscordToken();
    const some = loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARDS: " 1,0 ", DISCORD_SHARD_COUNT: "4" });
    expect(some.discord).toMatchObject({ shards: [0, 1], shardCount: 4 });
    const all = loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARD_COUNT: "2" });
    expect(all.discord).toMatchObject({ shards: [0, 1], shardCount: 2 });
    expect(loadConfig({ DISCORD_TOKEN: token }).discord?.shards).toBeUndefined();
  });

  it("refuses shards without a total, shards beyond it, and malformed lists, naming the valid form", () => {
    const token = fakeDiscordToken();
    expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_SHARDS: "0,1" }).message).toMatch(
      /DISCORD_SHARDS needs DISCORD_SHARD_COUNT/,
    );
    expect(
      problemsOf({ DISCORD_TOKEN: token, DISCORD_SHARDS: "0,2", DISCORD_SHARD_COUNT: "2" }).message,
    ).toMatch(/DISCORD_SHARDS has 2, but shard ids run from 0 to DISCORD_SHARD_COUNT - 1 \(1\)/);
    expect(
      problemsOf({ DISCORD_TOKEN: token, DISCORD_SHARDS: "zero", DISCORD_SHARD_COUNT: "2" }).message,
    ).toMatch(
      /DISCORD_SHARDS "zero" is not a list of shard ids: use whole numbers separated by commas, e.g. 0,1/,
    );
  });
});
