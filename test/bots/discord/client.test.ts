import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWithRetry } from "../../../src/app/start-retry.js";
import {
  createDiscordBot,
  DiscordTokenError,
  DiscordUnavailableError,
} from "../../../src/bots/discord/client.js";
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

  it("reports Discord failing at start (5xx) as worth another try, and connects once it answers", async () => {
    const unavailable = { status: 503, body: { message: "upstream connect error" } };
    // Each start's REST call is tried four times by discord.js before it gives up.
    fake.respond("GET", /^\/gateway\/bot$/, ...Array.from({ length: 8 }, () => unavailable), {
      status: 200,
      body: { url: "wss://gateway.invalid", shards: 1, session_start_limit: { total: 1000, remaining: 999 } },
    });
    let connected = 0;
    const log = recordingLogger();
    const bot = createDiscordBot({
      token: SECRET,
      apiRoot: fake.apiRoot,
      service: new ScriptedCommands(),
      log,
      connectWhile: () => {
        connected += 1;
        return { stop: async () => {} };
      },
    });
    const waits: number[] = [];

    await startWithRetry(() => bot.start(), {
      platform: "discord",
      log,
      signal: new AbortController().signal,
      retryReason: (error) => (error instanceof DiscordUnavailableError ? error.reason : undefined),
      sleep: async (ms) => void waits.push(ms),
    });

    expect(connected).toBe(1);
    expect(waits).toEqual([1_000, 2_000]);
    const warnings = log.lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(2);
    expect(JSON.stringify(warnings)).toMatch(/discord could not start \(try 1\)/);
    expect(JSON.stringify(log.lines)).not.toContain(SECRET);
    await bot.stop();
  });

  it("makes no request once its calls are cut (shutting down)", async () => {
    const cutoff = new AbortController();
    cutoff.abort();
    const bot = createDiscordBot({
      token: SECRET,
      apiRoot: fake.apiRoot,
      service: new ScriptedCommands(),
      log: recordingLogger(),
      signal: cutoff.signal,
      connectWhile: () => ({ stop: async () => {} }),
    });

    await expect(bot.start()).rejects.toBeInstanceOf(DiscordUnavailableError);
    expect(fake.requests).toHaveLength(0);
    await bot.stop();
  });
});
