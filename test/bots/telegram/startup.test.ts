import { afterEach, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../../src/bots/telegram/bot.js";
import { TelegramTokenError } from "../../../src/bots/telegram/errors.js";
import { FakeTelegram, telegramErrors } from "./fake-telegram.js";
import { recordingLogger, TOKEN, visibleTexts } from "./harness.js";
import { infoReply, ScriptedCommandService } from "./scripted-service.js";
import { ALICE_DM, BOB, BOB_DM, messageUpdate } from "./updates.js";

let fake: FakeTelegram;
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await fake.close();
});

function polledBot(
  service = new ScriptedCommandService(() => infoReply("Commands: /find, /interests, /picks")),
) {
  const log = recordingLogger();
  const telegram = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, service, log });
  stops.push(() => telegram.stop());
  return { telegram, log, service };
}

describe("startup", () => {
  it("runs real long polling: answers a /help update, then stops cleanly", async () => {
    fake = await FakeTelegram.start(TOKEN);
    const { telegram, service } = polledBot();

    await telegram.start();
    fake.pushUpdate(messageUpdate("/help"));
    await fake.waitForCall("sendMessage", (payload) => payload.chat_id === ALICE_DM.id);
    await telegram.stop();

    expect(service.last().input).toBe("help");
    expect(visibleTexts(fake, ALICE_DM.id)).toEqual(["Commands: /find, /interests, /picks"]);
    expect(fake.callsTo("getMe")).toHaveLength(1);
    expect(fake.callsTo("deleteWebhook")).toHaveLength(1);
    const lastPoll = fake.callsTo("getUpdates").at(-1);
    expect(lastPoll?.payload.offset).toBeGreaterThan(0);
  });

  it("publishes the command menu with /start and every command", async () => {
    fake = await FakeTelegram.start();
    const { telegram } = polledBot();
    await telegram.start();

    const menu = fake.callsTo("setMyCommands")[0]?.payload.commands as { command: string }[];
    expect(menu.map((entry) => entry.command)).toEqual([
      "start",
      "find",
      "interests",
      "follow",
      "unfollow",
      "mute",
      "unmute",
      "categories",
      "import",
      "picks",
      "subscribe",
      "unsubscribe",
      "settings",
      "recap",
      "status",
      "similar",
      "paper",
      "like",
      "dislike",
      "save",
      "unsave",
      "saved",
      "export",
      "help",
    ]);
  });

  it("keeps going when setMyCommands fails, and logs it", async () => {
    fake = await FakeTelegram.start();
    fake.failNext("setMyCommands", {
      error_code: 400,
      description: "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    });
    const { telegram, log } = polledBot();

    await telegram.start();
    fake.pushUpdate(messageUpdate("/help"));
    await fake.waitForCall("sendMessage");

    expect(log.lines.some((line) => line.level === "warn" && /command menu/.test(line.msg ?? ""))).toBe(true);
  });

  it("stops with a message naming TELEGRAM_BOT_TOKEN when Telegram rejects the token, never showing it", async () => {
    fake = await FakeTelegram.start("999:the-right-one");
    const { telegram, log } = polledBot();

    const failure = await telegram.start().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TelegramTokenError);
    expect((failure as Error).message).toMatch(/set a valid TELEGRAM_BOT_TOKEN/);
    expect((failure as Error).message).toContain("401 Unauthorized");
    expect((failure as Error).message).not.toContain(TOKEN);
    expect(log.text()).not.toContain(TOKEN);
    expect(fake.callsTo("getUpdates")).toEqual([]);
  });

  it("refuses to build without a token", async () => {
    fake = await FakeTelegram.start();
    const build = () =>
      createTelegramBot({ token: " ", service: new ScriptedCommandService(), log: recordingLogger() });
    expect(build).toThrow(/TELEGRAM_BOT_TOKEN is not set: set a valid TELEGRAM_BOT_TOKEN/);
  });

  it("reports an unreachable Bot API without the token in the message", async () => {
    fake = await FakeTelegram.start();
    const gone = await FakeTelegram.start();
    await gone.close();
    const telegram = createTelegramBot({
      token: TOKEN,
      apiRoot: gone.apiRoot,
      service: new ScriptedCommandService(),
      log: recordingLogger(),
    });

    const failure = (await telegram.start().catch((error: unknown) => error)) as Error;

    expect(failure.message).toMatch(/could not start: Network request for 'getMe' failed/);
    expect(failure.message).not.toContain(TOKEN);
  });

  it("rejects an API root that is not a URL", async () => {
    fake = await FakeTelegram.start();
    const build = () =>
      createTelegramBot({
        token: TOKEN,
        apiRoot: "api.telegram.org",
        service: new ScriptedCommandService(),
        log: recordingLogger(),
      });
    expect(build).toThrow(/TELEGRAM_API_ROOT must be an http\(s\) URL/);
  });
});

describe("errors from Telegram during polling", () => {
  it("keeps polling after a reply fails", async () => {
    fake = await FakeTelegram.start();
    const { telegram, log } = polledBot();
    await telegram.start();
    fake.failNext("sendMessage", telegramErrors.blocked, 2);

    fake.pushUpdate(messageUpdate("/help"));
    fake.pushUpdate(messageUpdate("/help", BOB_DM, BOB));
    await fake.waitForCall("sendMessage", (payload) => payload.chat_id === BOB_DM.id);

    expect(visibleTexts(fake, BOB_DM.id)).toEqual(["Commands: /find, /interests, /picks"]);
    expect(log.text()).toContain("bot was blocked by the user");
  });
});
