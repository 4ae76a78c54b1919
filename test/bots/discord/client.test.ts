import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordBot, DiscordTokenError } from "../../../src/bots/discord/client.js";
import { FakeDiscord, ScriptedCommands, recordingLogger } from "./fake-discord.js";

const SECRET = "MTIzNDU2Nzg5.fake-secret-token";
let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  await fake.close();
});

function build(token: string) {
  const log = recordingLogger();
  const bot = createDiscordBot({ token, apiRoot: fake.apiRoot, service: new ScriptedCommands(), log });
  return { bot, log };
}

describe("createDiscordBot", () => {
  it("builds the client without any network call", async () => {
    const { bot } = build(SECRET);
    expect(fake.requests).toHaveLength(0);
    expect(bot.delivery.platform).toBe("discord");
    await bot.stop();
  });

  it("stops startup on a rejected token with a message that names DISCORD_TOKEN but not the token", async () => {
    const { bot, log } = build(SECRET);
    const error = await bot.start().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(DiscordTokenError);
    expect((error as Error).message).toContain("DISCORD_TOKEN");
    expect((error as Error).message).not.toContain(SECRET);
    expect(JSON.stringify(log.lines)).not.toContain(SECRET);
    expect(fake.find("GET", /^\/gateway\/bot$/)).toHaveLength(1);
    await bot.stop();
  });

  it("stops startup on a rejected token also when another instance may hold the gateway", async () => {
    let handedOver = false;
    const bot = createDiscordBot({
      token: SECRET,
      apiRoot: fake.apiRoot,
      service: new ScriptedCommands(),
      log: recordingLogger(),
      connectWhile: () => {
        handedOver = true;
        return { stop: async () => {} };
      },
    });
    await expect(bot.start()).rejects.toBeInstanceOf(DiscordTokenError);
    expect(handedOver).toBe(false);
    await bot.stop();
  });

  it("refuses an empty token before calling Discord", async () => {
    const { bot } = build("  ");
    await expect(bot.start()).rejects.toThrow(/DISCORD_TOKEN/);
    expect(fake.requests).toHaveLength(0);
    await bot.stop();
  });
});
