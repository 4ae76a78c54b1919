import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/bot.js";
import type { Subscription } from "../../../src/core/records.js";
import { harness as commandHarness, type Harness as CommandHarness } from "../../core/commands/harness.js";
import { fanOut, PAPERS } from "../../core/schedule/helpers.js";
import { BOT_INFO, FakeTelegram, type RecordedCall } from "./fake-telegram.js";
import { recordingLogger, TOKEN, visibleText } from "./harness.js";
import { ALICE, FORUM_GROUP, messageUpdate, topicMessageUpdate } from "./updates.js";

const GROUP_KEY = `telegram:channel:${FORUM_GROUP.id}`;
/** The command layer's default slot is 08:00 UTC; its clock reads 07:00 that day. */
const SLOT = new Date("2024-12-03T08:00:00Z");

let fake: FakeTelegram;
let core: CommandHarness;
let telegram: TelegramBot;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  core = await commandHarness();
  telegram = createTelegramBot({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    service: core.service,
    log: recordingLogger(),
    botInfo: BOT_INFO,
  });
  fake.memberStatus.set(`${FORUM_GROUP.id}:${ALICE.id}`, "administrator");
});
afterEach(async () => {
  await telegram.stop();
  await fake.close();
});

const sentToGroup = (): RecordedCall[] =>
  fake.callsTo("sendMessage").filter((call) => Number(call.payload.chat_id) === FORUM_GROUP.id);

/** Runs the scheduler's tick at the slot, sending through the real grammY delivery. */
async function deliverDigest(): Promise<RecordedCall[]> {
  const before = sentToGroup().length;
  const summary = await fanOut({ store: core.store, now: SLOT, adapters: { telegram: telegram.delivery } });
  expect(summary.sent).toBe(1);
  return sentToGroup().slice(before);
}

async function subscription(): Promise<Subscription | undefined> {
  return core.store.subscriptions.get(GROUP_KEY);
}

describe("Telegram topics and a message per paper", () => {
  it("sends the digest to the topic /subscribe was typed in, each paper as its own message", async () => {
    await telegram.bot.handleUpdate(topicMessageUpdate("/subscribe threads on", 45));

    const [answer] = sentToGroup();
    expect(answer?.payload.message_thread_id).toBe(45);
    expect(visibleText(answer as RecordedCall)).toMatch("threads on");
    expect(await subscription()).toMatchObject({ topicId: "45", threads: true });

    const digest = await deliverDigest();
    expect(digest.map((call) => call.payload.message_thread_id)).toEqual([45, 45, 45, 45]);
    const texts = digest.map(visibleText);
    expect(texts[0]).toMatch("Today's papers");
    PAPERS.forEach((id, index) => {
      expect(texts[index + 1]).toMatch(`${index + 1}. Paper ${id}`);
      // Only the paper's own title: a reply to this message is about this one paper.
      expect(texts[index + 1]).not.toMatch(/Paper 2605\.0000\d[\s\S]*Paper 2605/);
    });
  });

  it("moves the digest when /subscribe is typed in another topic, and to the group itself from General", async () => {
    await telegram.bot.handleUpdate(topicMessageUpdate("/subscribe", 45));
    await telegram.bot.handleUpdate(topicMessageUpdate("/subscribe count 3", 77));
    expect((await subscription())?.topicId).toBe("77");
    expect((await deliverDigest()).map((call) => call.payload.message_thread_id)).toEqual([77]);

    await telegram.bot.handleUpdate(messageUpdate("/subscribe", FORUM_GROUP));
    expect((await subscription())?.topicId).toBeUndefined();
  });

  it("sends one digest message without a topic in a group without topics, as before", async () => {
    await telegram.bot.handleUpdate(messageUpdate("/subscribe", FORUM_GROUP));
    const digest = await deliverDigest();
    expect(digest).toHaveLength(1);
    expect(digest[0]?.payload).not.toHaveProperty("message_thread_id");
    PAPERS.forEach((id) => expect(visibleText(digest[0] as RecordedCall)).toMatch(`Paper ${id}`));
  });
});
