import { describe, expect, it } from "vitest";
import { deploySettings } from "../../../src/bots/discord/deploy.js";
import { fakeDiscordToken, fakeTelegramToken } from "../../config/fakeTokens.js";
import { APP_ID, GUILD_ID } from "./fake-discord.js";

describe("deploySettings", () => {
  it("reads the token, application, guild and API root through the configuration", () => {
    const token = fakeDiscordToken();
    const settings = deploySettings({
      DISCORD_TOKEN: token,
      DISCORD_APP_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_ROOT: "http://127.0.0.1:9/api",
    });
    expect(settings).toEqual({
      ok: true,
      token,
      appId: APP_ID,
      guildId: GUILD_ID,
      apiRoot: "http://127.0.0.1:9/api",
    });
  });

  it("registers globally with Discord's own API root when neither is set", () => {
    const settings = deploySettings({ DISCORD_TOKEN: fakeDiscordToken(), DISCORD_APP_ID: APP_ID });
    expect(settings).toMatchObject({ ok: true, apiRoot: "https://discord.com/api" });
    expect(settings).not.toHaveProperty("guildId");
  });

  it("names both variables when nothing is set", () => {
    const settings = deploySettings({});
    expect(settings.ok).toBe(false);
    if (settings.ok) return;
    expect(settings.message).toContain("DISCORD_TOKEN");
    expect(settings.message).toContain("DISCORD_APP_ID");
  });

  it("names only the application id when the token is there", () => {
    const token = fakeDiscordToken();
    const settings = deploySettings({ DISCORD_TOKEN: token });
    expect(settings).toMatchObject({ ok: false });
    if (settings.ok) return;
    expect(settings.message).toContain("set DISCORD_APP_ID");
    expect(settings.message).not.toContain("DISCORD_TOKEN");
    expect(settings.message).not.toContain(token);
  });

  it("names only the token when the application id is there", () => {
    const settings = deploySettings({ DISCORD_APP_ID: APP_ID });
    expect(settings).toMatchObject({ ok: false });
    if (settings.ok) return;
    expect(settings.message).toContain("set DISCORD_TOKEN");
    expect(settings.message).not.toContain("DISCORD_APP_ID");
  });

  it.each([
    ["DISCORD_APP_ID", "my-app", "17 to 20 digits"],
    ["DISCORD_GUILD_ID", "12", "17 to 20 digits"],
    ["DISCORD_API_ROOT", "discord.com/api", "use a full address"],
  ])("refuses %s = %j with the configuration's own message", (variable, value, fix) => {
    const token = fakeDiscordToken();
    const settings = deploySettings({ DISCORD_TOKEN: token, DISCORD_APP_ID: APP_ID, [variable]: value });
    expect(settings).toMatchObject({ ok: false });
    if (settings.ok) return;
    expect(settings.message).toContain(variable);
    expect(settings.message).toContain(fix);
    expect(settings.message).not.toContain(token);
  });

  it("refuses a malformed Discord token without echoing it", () => {
    const settings = deploySettings({ DISCORD_TOKEN: "not a token", DISCORD_APP_ID: APP_ID });
    expect(settings).toMatchObject({ ok: false });
    if (settings.ok) return;
    expect(settings.message).toContain("DISCORD_TOKEN");
    expect(settings.message).not.toContain("not a token");
  });

  it("ignores a valid Telegram configuration beside it", () => {
    const settings = deploySettings({
      DISCORD_TOKEN: fakeDiscordToken(),
      DISCORD_APP_ID: APP_ID,
      TELEGRAM_BOT_TOKEN: fakeTelegramToken(),
    });
    expect(settings.ok).toBe(true);
  });
});
