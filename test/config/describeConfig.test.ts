import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "../../src/config.js";
import { fakeDiscordToken, fakeTelegramToken, fakeWebhookSecret } from "./fakeTokens.js";

describe("describeConfig", () => {
  it("says which adapters are on and where data and papers come from, on one line", () => {
    const line = describeConfig(
      loadConfig({ DISCORD_TOKEN: fakeDiscordToken(), DATA_DIR: "/srv/paperboy", HEALTH_PORT: "8081" }),
    );
    expect(line).not.toContain("\n");
    expect(line).toContain(
      "discord on (token set, app id unset, global commands, api https://discord.com/api)",
    );
    expect(line).toContain("telegram off");
    expect(line).toContain("data /srv/paperboy");
    expect(line).toContain("categories cs.LG,cs.CL,cs.AI,cs.CV");
    expect(line).toContain('ingest "30 5 * * *" UTC');
    expect(line).toContain("health port 8081");
  });

  it("shows tokens as set and hides webhook paths and URL credentials", () => {
    const [discord, telegram, secret, pathSecret] = [
      fakeDiscordToken(),
      fakeTelegramToken(),
      fakeWebhookSecret(),
      fakeWebhookSecret(),
    ];
    const line = describeConfig(
      loadConfig({
        DISCORD_TOKEN: discord,
        TELEGRAM_BOT_TOKEN: telegram,
        TELEGRAM_API_ROOT: "https://proxyuser:proxypass@tg.example.org/",
        TELEGRAM_WEBHOOK_URL: `https://bot.example.org/hook/${pathSecret}`,
        TELEGRAM_WEBHOOK_SECRET: secret,
      }),
    );
    expect(line).toContain(
      "telegram on (token set, webhook https://bot.example.org on port 8080, secret set",
    );
    expect(line).toContain("api https://tg.example.org)");
    for (const hidden of [discord, telegram, secret, pathSecret, "proxypass"])
      expect(line).not.toContain(hidden);
  });

  it("names the Postgres host and database, never its password", () => {
    const password = fakeWebhookSecret();
    const line = describeConfig(
      loadConfig({ DATABASE_URL: `postgres://paperboy:${password}@db:5432/paperboy` }),
    );
    expect(line).toContain("store postgres postgres://db:5432/paperboy");
    expect(line).not.toContain(password);
    expect(line).not.toContain("data ./data");
  });
});
