import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/bot.js";
import type { Store } from "../../../src/core/store/port.js";
import { openMemoryStore } from "../../../src/storage/files/memory-store.js";
import { BOT_INFO, FakeTelegram } from "./fake-telegram.js";
import { buttonActions, recordingLogger, TOKEN, visibleTexts } from "./harness.js";
import { ALICE, ALICE_DM, callbackUpdate, messageUpdate } from "./updates.js";
import { realCommandService } from "../command-layer.js";

const aliceKey = `telegram:user:${ALICE.id}`;
let fake: FakeTelegram;
let telegram: TelegramBot;
let store: Store;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  store = openMemoryStore();
  const log = recordingLogger();
  const service = realCommandService(store, log);
  telegram = createTelegramBot({ token: TOKEN, apiRoot: fake.apiRoot, service, log, botInfo: BOT_INFO });
});

afterEach(async () => {
  await telegram.stop();
  await fake.close();
});

describe("follow and mute on Telegram", () => {
  it("confirms /follow with an inline Undo button that unfollows", async () => {
    await telegram.bot.handleUpdate(messageUpdate("/follow Ada Lovelace"));
    const [confirmation] = fake.callsTo("sendMessage");
    expect(visibleTexts(fake, ALICE_DM.id)[0]).toMatch(/Following “Ada Lovelace”/);
    expect(buttonActions(confirmation!)).toEqual(["unfollow:Ada Lovelace"]);
    expect((await store.profiles.get(aliceKey))?.follows).toEqual(["Ada Lovelace"]);

    await telegram.bot.handleUpdate(callbackUpdate("unfollow:Ada Lovelace"));
    expect((await store.profiles.get(aliceKey))?.follows).toBeUndefined();
    expect(fake.callsTo("answerCallbackQuery")[0]?.payload.text).toMatch(/Stopped following/);
  });

  it("mutes, lists the mute in /settings, and undoes it from the button", async () => {
    await telegram.bot.handleUpdate(messageUpdate("/mute traffic forecasting"));
    const [confirmation] = fake.callsTo("sendMessage");
    expect(buttonActions(confirmation!)).toEqual(["unmute:traffic forecasting"]);
    await telegram.bot.handleUpdate(messageUpdate("/settings"));
    expect(visibleTexts(fake, ALICE_DM.id)[1]).toContain("Muted: traffic forecasting");
    await telegram.bot.handleUpdate(callbackUpdate("unmute:traffic forecasting"));
    expect((await store.profiles.get(aliceKey))?.mutes).toBeUndefined();
  });

  it("answers /categories with an unknown name by listing the valid ones", async () => {
    await telegram.bot.handleUpdate(messageUpdate("/categories cs.XY"));
    expect(visibleTexts(fake, ALICE_DM.id)[0]).toMatch(/cs\.XY is not an arXiv category.*cs\.LG/s);
  });
});
